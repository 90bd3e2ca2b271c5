using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// The reverse proxies in front of the bot. X-Forwarded-For and X-Forwarded-Proto are believed only when the
/// connection comes from one of them; by default none is trusted, so a client cannot choose its own address (and
/// with it its rate-limit key) by sending the header itself.
/// </summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string SectionName = "Network";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> ProxyAddresses() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<System.Net.IPNetwork> ProxyNetworks() => KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _)))
        {
            yield return new ValidationResult($"Network:KnownProxies has \"{proxy}\", which is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n?.Trim(), out _)))
        {
            yield return new ValidationResult($"Network:KnownNetworks has \"{network}\", which is not a network in CIDR form (10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}

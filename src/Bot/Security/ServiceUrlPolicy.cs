using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Security;

/// <summary>
/// Decides whether the bot may reply to an activity's serviceUrl. Every activity needs an absolute http(s) URL
/// (the connector is built from it). In local mode nobody is authenticated, so whoever posts could name any URL
/// and make the bot call it with the person's replies; there only loopback URLs and the configured
/// <see cref="ServiceUrlOptions.AllowedServiceUrls"/> are accepted. With an app id the Bot Framework's signed
/// token carries the serviceUrl and the SDK checks that they match.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly BotAppIdentity _identity;
    private readonly Uri[] _allowed;

    public ServiceUrlPolicy(BotAppIdentity identity, IOptions<ServiceUrlOptions> options)
    {
        _identity = identity;
        // The options are validated at start, so every entry parses here.
        _allowed = [.. options.Value.AllowedServiceUrls.Select(url => TryParse(url, out var uri) ? uri : null).OfType<Uri>()];
    }

    /// <summary>Checks one serviceUrl as it arrived.</summary>
    public ServiceUrlVerdict Check(string? serviceUrl)
    {
        if (!TryParse(serviceUrl, out var uri))
        {
            return ServiceUrlVerdict.Malformed;
        }

        if (!_identity.IsLocalMode || IsLoopback(uri) || _allowed.Any(allowed => Matches(allowed, uri)))
        {
            return ServiceUrlVerdict.Allowed;
        }

        return ServiceUrlVerdict.NotAllowed;
    }

    /// <summary>An absolute http or https URL with a host, and nothing else (no user info: it hides the real host from a reader).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host)
            || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>127.0.0.0/8, ::1 (also IPv4-mapped) or the name localhost; never a name that merely starts with it.</summary>
    public static bool IsLoopback(Uri uri) => uri.HostNameType switch
    {
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address),
        UriHostNameType.Dns => string.Equals(uri.IdnHost.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool Matches(Uri allowed, Uri candidate) =>
        string.Equals(allowed.Scheme, candidate.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(allowed.IdnHost, candidate.IdnHost, StringComparison.OrdinalIgnoreCase)
        && allowed.Port == candidate.Port
        && candidate.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.OrdinalIgnoreCase);
}

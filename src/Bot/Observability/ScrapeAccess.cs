using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// Who may read /metrics. The figures hold no personal data, but they tell anyone how busy the service is, how many
/// emergencies it saw and whether its store is failing, so they are not public: a request is answered when it
/// carries the configured scrape key as a bearer token, or, without one, when it comes straight from loopback. A
/// request relayed by a reverse proxy on the same machine also arrives from loopback, so one that carries a
/// forwarding header is refused unless it has the key. Refused scrapes get 404, as if there were no such page.
/// </summary>
public sealed class ScrapeAccess(TelemetryOptions options)
{
    private readonly byte[]? _key = options.PrometheusScrapeKey is { } key ? Encoding.UTF8.GetBytes(key) : null;

    public bool Allows(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (_key is not null && headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[7..].Trim()), _key))
        {
            return true;
        }

        var relayed = headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Original-For");
        return !relayed && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }
}

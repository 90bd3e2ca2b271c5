using System.Collections.Concurrent;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// Counts 429s by kind of endpoint and logs them at most once a minute per kind, so a flood is visible to the
/// operator without a log line per rejected request. Client addresses are not logged.
/// </summary>
public sealed partial class RateLimitRejections(TimeProvider clock, ILogger<RateLimitRejections> logger)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<EdgeRouteKind, Tally> _tallies = new();

    public void Count(EdgeRouteKind kind)
    {
        var tally = _tallies.GetOrAdd(kind, _ => new Tally());
        var now = clock.GetUtcNow();
        long report = 0;
        lock (tally)
        {
            tally.Count++;
            if (tally.LastReport is null || now - tally.LastReport >= ReportEvery)
            {
                report = tally.Count;
                tally.Count = 0;
                tally.LastReport = now;
            }
        }

        if (report > 0)
        {
            LogRejected(logger, kind, report);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit for {Kind} requests reached: {Count} requests answered 429 since the last report")]
    private static partial void LogRejected(ILogger logger, EdgeRouteKind kind, long count);

    private sealed class Tally
    {
        public long Count { get; set; }

        public DateTimeOffset? LastReport { get; set; }
    }
}

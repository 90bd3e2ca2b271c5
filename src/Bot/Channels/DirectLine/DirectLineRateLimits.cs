using System.Collections.Concurrent;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>
/// Fixed one-minute windows per conversation, checked after its token (so nobody can spend another's budget): a flood gets 429 with Retry-After and
/// touches nobody else's window.
/// </summary>
public sealed class DirectLineRateLimits(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, int perMinute, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > 50_000)
        {
            foreach (var stale in _windows.Where(w => now - w.Value.Start > TimeSpan.FromMinutes(2)).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }

        var window = _windows.GetOrAdd(key, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= TimeSpan.FromMinutes(1))
            {
                window.Start = now;
                window.Count = 0;
            }

            window.Count++;
            retryAfter = window.Start + TimeSpan.FromMinutes(1) - now;
            return window.Count <= perMinute;
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}

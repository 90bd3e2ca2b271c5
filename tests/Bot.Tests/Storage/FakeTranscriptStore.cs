using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// A transcript store that can be down: while <see cref="IsDown"/> (or for the first <see cref="FailuresLeft"/>
/// calls) every write throws, as an unreachable database would; otherwise it keeps what it is given, in order.
/// </summary>
public sealed class FakeTranscriptStore : ITranscriptStore
{
    private readonly ConcurrentQueue<IActivity> _logged = new();
    private int _failures;

    public volatile bool IsDown;

    public int FailuresLeft;

    public IReadOnlyList<IActivity> Logged => [.. _logged];

    public int Failures => Volatile.Read(ref _failures);

    public Task LogActivityAsync(IActivity activity)
    {
        if (IsDown || Interlocked.Decrement(ref FailuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("connection refused");
        }

        _logged.Enqueue(activity);
        return Task.CompletedTask;
    }

    public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) =>
        throw new NotSupportedException();

    public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => throw new NotSupportedException();

    public Task DeleteTranscriptAsync(string channelId, string conversationId) => throw new NotSupportedException();
}

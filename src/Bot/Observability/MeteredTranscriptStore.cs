using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// The transcript store with its failures counted as <c>marrowbot.store.errors</c> (store "transcript", operation
/// write, read, list or delete); everything else passes through unchanged, batches included.
/// </summary>
public sealed class MeteredTranscriptStore(ITranscriptBatchStore inner, BotMetrics metrics) : ITranscriptBatchStore, IJournalReplayStore
{
    /// <inheritdoc/>
    /// <remarks>Forwarded, so the journal's replay still skips what the store already holds (hiding it here duplicated rows under load).</remarks>
    public async Task<int> ReplayAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
    {
        if (inner is not IJournalReplayStore replay)
        {
            await LogRecordsAsync(records, cancellationToken);
            return records.Count;
        }

        var added = 0;
        await CountedAsync(async () => added = await replay.ReplayAsync(records, escalations, cancellationToken), "write");
        return added;
    }

    /// <inheritdoc/>
    public Task LogActivityAsync(IActivity activity) => CountedAsync(() => inner.LogActivityAsync(activity), "write");

    /// <inheritdoc/>
    public Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) =>
        CountedAsync(() => inner.LogActivitiesAsync(activities, cancellationToken), "write");

    /// <inheritdoc/>
    public Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken) =>
        CountedAsync(() => inner.LogRecordsAsync(records, cancellationToken), "write");

    /// <inheritdoc/>
    public async Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default)
    {
        PagedResult<IActivity>? page = null;
        await CountedAsync(async () => page = await inner.GetTranscriptActivitiesAsync(channelId, conversationId, continuationToken, startDate), "read");
        return page!;
    }

    /// <inheritdoc/>
    public async Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null)
    {
        PagedResult<TranscriptInfo>? page = null;
        await CountedAsync(async () => page = await inner.ListTranscriptsAsync(channelId, continuationToken), "list");
        return page!;
    }

    /// <inheritdoc/>
    public Task DeleteTranscriptAsync(string channelId, string conversationId) => CountedAsync(() => inner.DeleteTranscriptAsync(channelId, conversationId), "delete");

    private async Task CountedAsync(Func<Task> operation, string name)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            metrics.StoreError("transcript", name);
            throw;
        }
    }
}

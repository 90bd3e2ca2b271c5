using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>
/// Transcripts in PostgreSQL, shared by every instance: every activity in and out as JSON with indexed columns, in the order written, and
/// one row of flags per conversation (<see cref="TranscriptTables"/>). The bot writes through
/// <see cref="BufferedTranscriptLogger"/>, never from the turn itself.
/// </summary>
public sealed class PostgresTranscriptStore(PostgresDatabase database) : ITranscriptBatchStore, IJournalReplayStore, ITranscriptQueries, ITranscriptRetention
{
    /// <inheritdoc/>
    public Task LogActivityAsync(IActivity activity) => LogActivitiesAsync([activity], CancellationToken.None);

    /// <inheritdoc/>
    public Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) =>
        LogRecordsAsync(activities.Select(TranscriptRecord.From).ToList(), cancellationToken);

    /// <inheritdoc/>
    public Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => TranscriptTables.LogAsync(connection, transaction, SqlDialect.Postgres, records, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<int> ReplayAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => TranscriptTables.ReplayAsync(connection, transaction, SqlDialect.Postgres, records, escalations, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);
        return database.ReadAsync((connection, ct) => TranscriptTables.GetActivitiesAsync(connection, SqlDialect.Postgres, channelId, conversationId, continuationToken, startDate, ct), CancellationToken.None);
    }

    /// <inheritdoc/>
    public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        return database.ReadAsync((connection, ct) => TranscriptTables.ListAsync(connection, SqlDialect.Postgres, channelId, continuationToken, ct), CancellationToken.None);
    }

    /// <inheritdoc/>
    public Task DeleteTranscriptAsync(string channelId, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);
        return database.WriteAsync((connection, transaction, ct) => TranscriptTables.DeleteAsync(connection, transaction, channelId, conversationId, ct), CancellationToken.None);
    }

    /// <inheritdoc/>
    public Task<ConversationSummary?> GetConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => TranscriptTables.GetConversationAsync(connection, SqlDialect.Postgres, channelId, conversationId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConversationSummary>> ListEscalatedAsync(TriageTier atLeast, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => TranscriptTables.ListEscalatedAsync(connection, SqlDialect.Postgres, atLeast, since, limit, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => TranscriptTables.PurgeOlderThanAsync(connection, transaction, SqlDialect.Postgres, cutoff, ct), cancellationToken);
}

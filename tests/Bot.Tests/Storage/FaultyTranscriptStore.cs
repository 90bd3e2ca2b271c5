using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The real SQLite transcript store behind a switch: <see cref="Mode"/> up passes everything through; down fails
/// every write at once, as an unreachable database would; full runs each write on its own connection to the same
/// file with <c>PRAGMA max_page_count</c> at the file's current size, so SQLite itself answers SQLITE_FULL as on a
/// full disk. Reads always pass through.
/// </summary>
public sealed class FaultyTranscriptStore(SqliteTranscriptStoreAccess real) : ITranscriptBatchStore, IJournalReplayStore
{
    private int _failures;

    public volatile StoreFault Mode;

    public int Failures => Volatile.Read(ref _failures);

    public Task LogActivityAsync(IActivity activity) => LogRecordsAsync([TranscriptRecord.From(activity)], CancellationToken.None);

    public Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) =>
        LogRecordsAsync(activities.Select(TranscriptRecord.From).ToList(), cancellationToken);

    public async Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken)
    {
        if (await FailedAsync(records, [], cancellationToken))
        {
            return;
        }

        await real.Store.LogRecordsAsync(records, cancellationToken);
    }

    public async Task<int> ReplayAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
    {
        if (await FailedAsync(records, escalations, cancellationToken))
        {
            return 0;
        }

        return await real.Store.ReplayAsync(records, escalations, cancellationToken);
    }

    public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) =>
        real.Store.GetTranscriptActivitiesAsync(channelId, conversationId, continuationToken, startDate);

    public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => real.Store.ListTranscriptsAsync(channelId, continuationToken);

    public Task DeleteTranscriptAsync(string channelId, string conversationId) => real.Store.DeleteTranscriptAsync(channelId, conversationId);

    /// <summary>Fails the write as the mode says; false when the store is up.</summary>
    private async Task<bool> FailedAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
    {
        switch (Mode)
        {
            case StoreFault.Down:
                Interlocked.Increment(ref _failures);
                throw new IOException("connection refused");
            case StoreFault.Full:
                try
                {
                    await WriteOnAFullDiskAsync(records, escalations, cancellationToken);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 13)
                {
                    Interlocked.Increment(ref _failures);
                    throw;
                }

                return true; // it fitted in pages the file already had
            default:
                return false;
        }
    }

    private async Task WriteOnAFullDiskAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = real.Path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            // max_page_count cannot go below the file's size: 1 means "no page more than now".
            pragmas.CommandText = "PRAGMA busy_timeout = 2000; PRAGMA max_page_count = 1;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        await TranscriptTables.ReplayAsync(connection, transaction, SqlDialect.Sqlite, records, escalations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>What a fault wrapper needs of the host's real SQLite transcript store: the store and its file.</summary>
public sealed record SqliteTranscriptStoreAccess(Bot.Storage.Sqlite.SqliteTranscriptStore Store, string Path);

/// <summary>How <see cref="FaultyTranscriptStore"/> treats writes.</summary>
public enum StoreFault
{
    Up,
    Down,
    Full,
}

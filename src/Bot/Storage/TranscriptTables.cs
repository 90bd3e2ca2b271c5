using System.Data.Common;
using System.Globalization;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the transcript tables (activities, conversations, conversation_reactions), shared by the SQLite and
/// PostgreSQL stores. A batch first merges each conversation's tally into its row (which, in PostgreSQL, locks the
/// row until commit, so one conversation's activities are numbered in commit order), then appends the activities;
/// seq gives the transcript order. Pages hold <see cref="PageSize"/> activities; the continuation token is the
/// last seq returned.
/// </summary>
public static class TranscriptTables
{
    /// <summary>Activities or transcripts per page, as Bot Builder's own transcript stores page them.</summary>
    public const int PageSize = 20;

    private const string SummaryColumns =
        "c.channel_id, c.conversation_id, c.first_activity_at, c.last_activity_at, c.activity_count, c.escalated_tier, " +
        "c.declined, c.clarified, c.handoff_requested, c.reactions_added, c.reactions_removed, r.reaction_type, r.added, r.removed";

    public static async Task<int> LogAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken)
    {
        await MergeConversationsAsync(connection, transaction, dialect, ConversationTally.Of(records), cancellationToken);

        // SQLite's full-text index of the person's messages is filled per batch, not per row (ADR 0027).
        var search = ReferenceEquals(dialect, SqlDialect.Sqlite);
        var indexed = search ? await SqliteSearchIndex.LastSeqAsync(connection, transaction, cancellationToken) : 0;
        await using var insert = dialect.ActivityInsert(connection, transaction);
        foreach (var record in records)
        {
            if (record.IsUpdate || record.IsDelete)
            {
                await insert.FlushAsync(cancellationToken);
                if (search)
                {
                    indexed = await SqliteSearchIndex.IndexAfterAsync(connection, transaction, indexed, cancellationToken);
                }

                await EditAsync(connection, transaction, record, cancellationToken);
                continue;
            }

            await insert.InsertAsync(record, cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
        if (search)
        {
            await SqliteSearchIndex.IndexAfterAsync(connection, transaction, indexed, cancellationToken);
        }

        return records.Count;
    }

    /// <summary>
    /// Stores activities replayed from the journal, skipping each one already stored (same channel, conversation,
    /// activity id, type and time: the journal may repeat a write that committed after its caller gave up, or a
    /// replay a crash cut short), and raises each conversation's tier to its escalation marks. Edits are applied
    /// again, which leaves them as they were. Returns how many activities were added.
    /// </summary>
    public static async Task<int> ReplayAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
    {
        var fresh = new List<TranscriptRecord>(records.Count);
        await using (var exists = DbCommands.Create(
            connection,
            transaction,
            "SELECT 1 FROM activities WHERE channel_id = @channel AND conversation_id = @conversation AND activity_id = @activity AND type = @type AND timestamp = @timestamp LIMIT 1"))
        {
            var channel = DbCommands.AddParameter(exists, "channel", null);
            var conversation = DbCommands.AddParameter(exists, "conversation", null);
            var activity = DbCommands.AddParameter(exists, "activity", null);
            var type = DbCommands.AddParameter(exists, "type", null);
            var timestamp = DbCommands.AddParameter(exists, "timestamp", null);
            var seen = new HashSet<(string, string, string, string, DateTimeOffset)>();
            foreach (var record in records)
            {
                if (record.IsUpdate || record.IsDelete)
                {
                    fresh.Add(record);
                    continue;
                }

                channel.Value = record.ChannelId;
                conversation.Value = record.ConversationId;
                activity.Value = record.ActivityId;
                type.Value = record.Type;
                timestamp.Value = dialect.ToDatabase(record.Timestamp);
                if (await exists.ExecuteScalarAsync(cancellationToken) is null && seen.Add((record.ChannelId, record.ConversationId, record.ActivityId, record.Type, record.Timestamp)))
                {
                    fresh.Add(record);
                }
            }
        }

        var marks = escalations
            .Select(m => new ConversationTally(m.ChannelId, m.ConversationId, m.At, m.At, 0, m.Tier, false, false, false, []))
            .OrderBy(t => t.ChannelId, StringComparer.Ordinal)
            .ThenBy(t => t.ConversationId, StringComparer.Ordinal)
            .ToList();
        await MergeConversationsAsync(connection, transaction, dialect, marks, cancellationToken);
        await LogAsync(connection, transaction, dialect, fresh, cancellationToken);
        return fresh.Count(r => !r.IsUpdate && !r.IsDelete);
    }

    public static async Task<PagedResult<IActivity>> GetActivitiesAsync(
        DbConnection connection, SqlDialect dialect, string channelId, string conversationId, string? continuationToken, DateTimeOffset startDate, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection,
            null,
            "SELECT seq, json FROM activities WHERE channel_id = @channel AND conversation_id = @conversation AND seq > @after AND timestamp >= @start " +
            "ORDER BY seq LIMIT @take");
        DbCommands.AddParameter(command, "channel", channelId);
        DbCommands.AddParameter(command, "conversation", conversationId);
        DbCommands.AddParameter(command, "after", ParseToken(continuationToken));
        DbCommands.AddParameter(command, "start", dialect.ToDatabase(startDate == default ? DateTimeOffset.UnixEpoch : startDate));
        DbCommands.AddParameter(command, "take", (long)PageSize + 1);

        var rows = new List<(long Seq, IActivity Activity)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), TranscriptRecord.Parse(reader.GetString(1))));
            }
        }

        return Page(rows, r => r.Seq, r => r.Activity);
    }

    public static async Task<PagedResult<TranscriptInfo>> ListAsync(DbConnection connection, SqlDialect dialect, string channelId, string? continuationToken, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection,
            null,
            "SELECT seq, conversation_id, first_activity_at FROM conversations WHERE channel_id = @channel AND seq > @after ORDER BY seq LIMIT @take");
        DbCommands.AddParameter(command, "channel", channelId);
        DbCommands.AddParameter(command, "after", ParseToken(continuationToken));
        DbCommands.AddParameter(command, "take", (long)PageSize + 1);

        var rows = new List<(long Seq, TranscriptInfo Info)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), new TranscriptInfo { ChannelId = channelId, Id = reader.GetString(1), Created = dialect.ReadTime(reader, 2) }));
            }
        }

        return Page(rows, r => r.Seq, r => r.Info);
    }

    /// <summary>Removes a conversation's activities, its row, its reactions, its staff labels and its hand-off requests ("forget me").</summary>
    public static async Task<int> DeleteAsync(DbConnection connection, DbTransaction transaction, string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var table in new[] { "activities", "conversation_reactions", "turn_labels", "conversations", "handoff_requests" })
        {
            await using var command = DbCommands.Create(connection, transaction, $"DELETE FROM {table} WHERE channel_id = @channel AND conversation_id = @conversation");
            DbCommands.AddParameter(command, "channel", channelId);
            DbCommands.AddParameter(command, "conversation", conversationId);
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// Retention: removes activities older than <paramref name="cutoff"/>, conversations (with their reactions and
    /// staff labels) whose last activity is older, conversation state not touched since, and hand-off requests with
    /// nothing newer.
    /// </summary>
    public static async Task<int> PurgeOlderThanAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM activities WHERE timestamp < @cutoff",
            "DELETE FROM conversation_reactions WHERE (channel_id, conversation_id) IN (SELECT channel_id, conversation_id FROM conversations WHERE last_activity_at < @cutoff)",
            "DELETE FROM turn_labels WHERE (channel_id, conversation_id) IN (SELECT channel_id, conversation_id FROM conversations WHERE last_activity_at < @cutoff)",
            "DELETE FROM conversations WHERE last_activity_at < @cutoff",
            "DELETE FROM state WHERE updated_at < @cutoff",
            "DELETE FROM handoff_requests WHERE requested_at < @cutoff AND (answered_at IS NULL OR answered_at < @cutoff) AND (closed_at IS NULL OR closed_at < @cutoff)",
        })
        {
            await using var command = DbCommands.Create(connection, transaction, sql);
            DbCommands.AddParameter(command, "cutoff", dialect.ToDatabase(cutoff));
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    public static async Task<ConversationSummary?> GetConversationAsync(DbConnection connection, SqlDialect dialect, string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection,
            null,
            $"SELECT {SummaryColumns} FROM conversations c LEFT JOIN conversation_reactions r ON r.channel_id = c.channel_id AND r.conversation_id = c.conversation_id " +
            "WHERE c.channel_id = @channel AND c.conversation_id = @conversation ORDER BY r.reaction_type");
        DbCommands.AddParameter(command, "channel", channelId);
        DbCommands.AddParameter(command, "conversation", conversationId);
        return (await ReadSummariesAsync(command, dialect, cancellationToken)).SingleOrDefault();
    }

    public static async Task<IReadOnlyList<ConversationSummary>> ListEscalatedAsync(DbConnection connection, SqlDialect dialect, TriageTier atLeast, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection,
            null,
            $"SELECT {SummaryColumns} FROM (SELECT * FROM conversations WHERE escalated_tier >= @tier AND last_activity_at >= @since ORDER BY last_activity_at DESC, seq DESC LIMIT @take) c " +
            "LEFT JOIN conversation_reactions r ON r.channel_id = c.channel_id AND r.conversation_id = c.conversation_id " +
            "ORDER BY c.last_activity_at DESC, c.seq DESC, r.reaction_type");
        DbCommands.AddParameter(command, "tier", (short)atLeast);
        DbCommands.AddParameter(command, "since", dialect.ToDatabase(since));
        DbCommands.AddParameter(command, "take", (long)Math.Max(0, limit));
        return await ReadSummariesAsync(command, dialect, cancellationToken);
    }

    /// <summary>Adds each tally to its conversation's row with one prepared statement for the batch.</summary>
    private static async Task MergeConversationsAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<ConversationTally> tallies, CancellationToken cancellationToken)
    {
        if (tallies.Count == 0)
        {
            return;
        }

        await using var merge = DbCommands.Create(
            connection,
            transaction,
            "INSERT INTO conversations (channel_id, conversation_id, first_activity_at, last_activity_at, activity_count, escalated_tier, declined, clarified, handoff_requested, reactions_added, reactions_removed) " +
            "VALUES (@channel, @conversation, @first, @last, @count, @tier, @declined, @clarified, @handoff, @added, @removed) " +
            "ON CONFLICT (channel_id, conversation_id) DO UPDATE SET " +
            $"first_activity_at = {dialect.Least}(conversations.first_activity_at, excluded.first_activity_at), " +
            $"last_activity_at = {dialect.Greatest}(conversations.last_activity_at, excluded.last_activity_at), " +
            "activity_count = conversations.activity_count + excluded.activity_count, " +
            $"escalated_tier = {dialect.Greatest}(conversations.escalated_tier, excluded.escalated_tier), " +
            $"declined = {dialect.Greatest}(conversations.declined, excluded.declined), " +
            $"clarified = {dialect.Greatest}(conversations.clarified, excluded.clarified), " +
            $"handoff_requested = {dialect.Greatest}(conversations.handoff_requested, excluded.handoff_requested), " +
            "reactions_added = conversations.reactions_added + excluded.reactions_added, " +
            "reactions_removed = conversations.reactions_removed + excluded.reactions_removed");
        var channel = DbCommands.AddParameter(merge, "channel", null);
        var conversation = DbCommands.AddParameter(merge, "conversation", null);
        var first = DbCommands.AddParameter(merge, "first", null);
        var last = DbCommands.AddParameter(merge, "last", null);
        var count = DbCommands.AddParameter(merge, "count", null);
        var tier = DbCommands.AddParameter(merge, "tier", null);
        var declined = DbCommands.AddParameter(merge, "declined", null);
        var clarified = DbCommands.AddParameter(merge, "clarified", null);
        var handoff = DbCommands.AddParameter(merge, "handoff", null);
        var added = DbCommands.AddParameter(merge, "added", null);
        var removed = DbCommands.AddParameter(merge, "removed", null);
        foreach (var tally in tallies)
        {
            channel.Value = tally.ChannelId;
            conversation.Value = tally.ConversationId;
            first.Value = dialect.ToDatabase(tally.FirstActivityAt);
            last.Value = dialect.ToDatabase(tally.LastActivityAt);
            count.Value = tally.ActivityCount;
            tier.Value = (short)tally.EscalatedTier;
            declined.Value = tally.Declined;
            clarified.Value = tally.Clarified;
            handoff.Value = tally.HandoffRequested;
            added.Value = tally.ReactionsAdded;
            removed.Value = tally.ReactionsRemoved;
            await merge.ExecuteNonQueryAsync(cancellationToken);
            await MergeReactionsAsync(connection, transaction, tally, cancellationToken);
        }
    }

    private static async Task MergeReactionsAsync(DbConnection connection, DbTransaction transaction, ConversationTally tally, CancellationToken cancellationToken)
    {
        foreach (var reaction in tally.Reactions)
        {
            await using var count = DbCommands.Create(
                connection,
                transaction,
                "INSERT INTO conversation_reactions (channel_id, conversation_id, reaction_type, added, removed) VALUES (@channel, @conversation, @type, @added, @removed) " +
                "ON CONFLICT (channel_id, conversation_id, reaction_type) DO UPDATE SET " +
                "added = conversation_reactions.added + excluded.added, removed = conversation_reactions.removed + excluded.removed");
            DbCommands.AddParameter(count, "channel", tally.ChannelId);
            DbCommands.AddParameter(count, "conversation", tally.ConversationId);
            DbCommands.AddParameter(count, "type", reaction.Type);
            DbCommands.AddParameter(count, "added", reaction.Added);
            DbCommands.AddParameter(count, "removed", reaction.Removed);
            await count.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Applies a messageUpdate or messageDelete to the latest stored activity with that id; ignored when there is none, as MemoryTranscriptStore does.</summary>
    private static async Task EditAsync(DbConnection connection, DbTransaction transaction, TranscriptRecord record, CancellationToken cancellationToken)
    {
        long seq;
        Activity original;
        await using (var find = DbCommands.Create(
            connection,
            transaction,
            "SELECT seq, json FROM activities WHERE channel_id = @channel AND conversation_id = @conversation AND activity_id = @activity ORDER BY seq DESC LIMIT 1"))
        {
            DbCommands.AddParameter(find, "channel", record.ChannelId);
            DbCommands.AddParameter(find, "conversation", record.ConversationId);
            DbCommands.AddParameter(find, "activity", record.ActivityId);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            seq = reader.GetInt64(0);
            original = TranscriptRecord.Parse(reader.GetString(1));
        }

        var replacement = record.IsDelete ? TranscriptEdits.Tombstone(original) : TranscriptEdits.Updated(original, TranscriptRecord.Parse(record.Json));
        await using var update = DbCommands.Create(
            connection,
            transaction,
            record.IsDelete
                ? "UPDATE activities SET json = @json, outcome_kind = NULL, triage_tier = NULL WHERE seq = @seq"
                : "UPDATE activities SET json = @json WHERE seq = @seq");
        DbCommands.AddParameter(update, "json", TranscriptRecord.ToJson(replacement));
        DbCommands.AddParameter(update, "seq", seq);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<ConversationSummary>> ReadSummariesAsync(DbCommand command, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var summaries = new List<ConversationSummary>();
        List<FeedbackCount>? reactions = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var channel = reader.GetString(0);
            var conversation = reader.GetString(1);
            if (summaries.Count == 0 || summaries[^1].ChannelId != channel || summaries[^1].ConversationId != conversation)
            {
                reactions = [];
                summaries.Add(new ConversationSummary(
                    channel,
                    conversation,
                    dialect.ReadTime(reader, 2),
                    dialect.ReadTime(reader, 3),
                    Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                    (TriageTier)Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                    reader.GetBoolean(6),
                    reader.GetBoolean(7),
                    reader.GetBoolean(8),
                    Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
                    reactions));
            }

            if (!reader.IsDBNull(11))
            {
                reactions!.Add(new FeedbackCount(
                    reader.GetString(11),
                    Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(13), CultureInfo.InvariantCulture)));
            }
        }

        return summaries;
    }

    private static PagedResult<T> Page<TRow, T>(List<TRow> rows, Func<TRow, long> seq, Func<TRow, T> item)
    {
        var more = rows.Count > PageSize;
        var page = more ? rows.GetRange(0, PageSize) : rows;
        return new PagedResult<T>
        {
            Items = page.Select(item).ToArray(),
            ContinuationToken = more ? seq(page[^1]).ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static long ParseToken(string? continuationToken) =>
        string.IsNullOrEmpty(continuationToken)
            ? 0
            : long.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
                ? after
                : throw new ArgumentException("Not a continuation token from this transcript store.", nameof(continuationToken));
}

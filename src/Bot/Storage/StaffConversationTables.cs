using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the staff console (migration 0004, ADR 0027), shared by the SQLite and PostgreSQL stores: the inbox
/// (two keyset-paged parts, escalated-and-unacknowledged first, then the rest, each newest first), its counts,
/// one conversation's transcript with its annotations, and acknowledgements, reviews and labels.
/// </summary>
public static partial class StaffConversationTables
{
    /// <summary>Negative feedback: a conversation with more of these reactions added than removed.</summary>
    public const string NegativeReactions = "'sad', 'angry', 'dislike'";

    /// <summary>The longest transcript returned: a conversation past it is cut there (the person would have had to type for days).</summary>
    public const int MaxTranscriptActivities = 5000;

    private const int MaxSearchWords = 8;

    private const string Attention = "c.escalated_tier >= 2 AND c.acknowledged_tier < c.escalated_tier";

    private const string Negative =
        "EXISTS (SELECT 1 FROM conversation_reactions r WHERE r.channel_id = c.channel_id AND r.conversation_id = c.conversation_id " +
        "AND r.reaction_type IN (" + NegativeReactions + ") AND r.added > r.removed)";

    /// <summary>
    /// Negative feedback as a set read once from its partial index and hashed (PostgreSQL's counts with a search:
    /// thousands of rows, where a probe each cost about a fifth of the query; ADR 0027's addendum).
    /// </summary>
    private const string NegativeSet =
        "(c.channel_id, c.conversation_id) IN (SELECT r.channel_id, r.conversation_id FROM conversation_reactions r " +
        "WHERE r.reaction_type IN (" + NegativeReactions + ") AND r.added > r.removed)";

    private const string NotReviewed = "(c.reviewed_at IS NULL OR c.reviewed_at < c.last_activity_at)";

    private const string Columns =
        "c.seq, c.channel_id, c.conversation_id, c.first_activity_at, c.last_activity_at, c.activity_count, c.escalated_tier, c.declined, c.clarified, " +
        "c.handoff_requested, " + Negative + ", c.acknowledged_tier, c.acknowledged_by, c.acknowledged_at, c.reviewed_by, c.reviewed_at";

    public static async Task<InboxResults> ListAsync(DbConnection connection, SqlDialect dialect, InboxQuery query, CancellationToken cancellationToken)
    {
        var after = PageToken.Parse(query.PageToken);
        var rows = new List<(long Seq, InboxConversation Conversation)>();

        // Part 0: escalated and not acknowledged at their tier; part 1: everything else. Each is one range of one index.
        for (var part = after?.Part ?? 0; part <= 1 && rows.Count <= InboxQuery.PageSize; part++)
        {
            PageToken? keyset = after is { } token && token.Part == part ? token : null;
            await using var command = DbCommands.Create(connection, null, string.Empty);
            var where = Filters(command, dialect, query, withFlags: true);
            where.Add(part == 0 ? Attention : $"NOT ({Attention})");
            if (keyset is not null)
            {
                where.Add("(c.last_activity_at, c.seq) < (@after_last, @after_seq)");
                DbCommands.AddParameter(command, "after_last", dialect.ToDatabase(UnixMicroseconds.ToTime(keyset.Value.LastMicros)));
                DbCommands.AddParameter(command, "after_seq", keyset.Value.Seq);
            }

            command.CommandText = $"SELECT {Columns} FROM conversations c WHERE {string.Join(" AND ", where)} ORDER BY c.last_activity_at DESC, c.seq DESC LIMIT @take";
            DbCommands.AddParameter(command, "take", (long)(InboxQuery.PageSize + 1 - rows.Count));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), ReadConversation(reader, dialect)));
            }
        }

        var more = rows.Count > InboxQuery.PageSize;
        var page = more ? rows.GetRange(0, InboxQuery.PageSize) : rows;
        string? next = null;
        if (more)
        {
            var last = page[^1];
            next = new PageToken(last.Conversation.NeedsAttention ? 0 : 1, UnixMicroseconds.From(last.Conversation.LastActivityAt), last.Seq).ToString();
        }

        return new InboxResults(page.Select(r => r.Conversation).ToList(), next);
    }

    public static async Task<InboxCounts> CountAsync(DbConnection connection, SqlDialect dialect, InboxQuery query, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, string.Empty);
        var where = Filters(command, dialect, query, withFlags: false);
        var condition = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);

        // With a search the rows are few, and negative feedback is probed on each; without one, probing every
        // conversation's reactions would cost a lookup per row, so it is counted from its own partial index.
        var sqlite = ReferenceEquals(dialect, SqlDialect.Sqlite);
        var searched = SearchQuery(query.Search, sqlite) is not null;
        command.CommandText =
            "SELECT COUNT(*), " +
            "COALESCE(SUM(CASE WHEN c.escalated_tier >= 2 THEN 1 ELSE 0 END), 0), " +
            "COALESCE(SUM(CASE WHEN c.escalated_tier >= 3 THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN {Attention} THEN 1 ELSE 0 END), 0), " +
            "COALESCE(SUM(CASE WHEN c.declined THEN 1 ELSE 0 END), 0), " +
            "COALESCE(SUM(CASE WHEN c.clarified THEN 1 ELSE 0 END), 0), " +
            "COALESCE(SUM(CASE WHEN c.handoff_requested THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN {NotReviewed} THEN 1 ELSE 0 END), 0), " +
            (searched ? $"COALESCE(SUM(CASE WHEN {(sqlite ? Negative : NegativeSet)} THEN 1 ELSE 0 END), 0) " : "0 ") +
            $"FROM conversations c{condition}";
        int[] counts;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            counts = Enumerable.Range(0, 9).Select(i => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
        }

        if (!searched)
        {
            command.CommandText =
                "SELECT COUNT(*) FROM conversations c WHERE (c.channel_id, c.conversation_id) IN " +
                "(SELECT r.channel_id, r.conversation_id FROM conversation_reactions r WHERE r.reaction_type IN (" + NegativeReactions + ") AND r.added > r.removed)" +
                (where.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", where));
            counts[8] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new InboxCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[8], counts[7]);
    }

    public static async Task<StaffTranscript?> GetTranscriptAsync(DbConnection connection, SqlDialect dialect, ConversationKey key, CancellationToken cancellationToken)
    {
        InboxConversation conversation;
        await using (var find = DbCommands.Create(connection, null, $"SELECT {Columns} FROM conversations c WHERE c.channel_id = @channel AND c.conversation_id = @conversation"))
        {
            AddKey(find, key);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            conversation = ReadConversation(reader, dialect);
        }

        var labels = new List<TurnLabel>();
        await using (var read = DbCommands.Create(
            connection, null, "SELECT activity_id, label, note, labelled_by, labelled_at FROM turn_labels WHERE channel_id = @channel AND conversation_id = @conversation ORDER BY seq"))
        {
            AddKey(read, key);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                labels.Add(new TurnLabel(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), dialect.ReadTime(reader, 4)));
            }
        }

        var activities = new List<StoredActivity>();
        await using (var read = DbCommands.Create(
            connection, null, "SELECT activity_id, timestamp, from_role, type, json FROM activities WHERE channel_id = @channel AND conversation_id = @conversation ORDER BY seq LIMIT @take"))
        {
            AddKey(read, key);
            DbCommands.AddParameter(read, "take", (long)MaxTranscriptActivities);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                activities.Add(new StoredActivity(reader.GetString(0), dialect.ReadTime(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return new StaffTranscript(conversation, StaffTranscriptReader.Read(activities, labels));
    }

    public static async Task<bool> AcknowledgeAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var update = DbCommands.Create(
            connection,
            transaction,
            "UPDATE conversations SET acknowledged_tier = escalated_tier, acknowledged_by = @by, acknowledged_at = @at WHERE channel_id = @channel AND conversation_id = @conversation");
        AddKey(update, key);
        DbCommands.AddParameter(update, "by", by);
        DbCommands.AddParameter(update, "at", dialect.ToDatabase(at));
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<bool> MarkReviewedAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var update = DbCommands.Create(
            connection, transaction, "UPDATE conversations SET reviewed_by = @by, reviewed_at = @at WHERE channel_id = @channel AND conversation_id = @conversation");
        AddKey(update, key);
        DbCommands.AddParameter(update, "by", by);
        DbCommands.AddParameter(update, "at", dialect.ToDatabase(at));
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<bool> LabelTurnAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, ConversationKey key, string activityId, string label, string? note, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = DbCommands.Create(
            connection,
            transaction,
            "INSERT INTO turn_labels (channel_id, conversation_id, activity_id, label, note, labelled_by, labelled_at) " +
            "SELECT @channel, @conversation, @activity, @label, @note, @by, @at WHERE EXISTS (SELECT 1 FROM activities a WHERE a.channel_id = @channel " +
            "AND a.conversation_id = @conversation AND a.activity_id = @activity AND a.from_role = 'bot' AND a.type = 'message')");
        AddKey(insert, key);
        DbCommands.AddParameter(insert, "activity", activityId);
        DbCommands.AddParameter(insert, "label", label);
        DbCommands.AddParameter(insert, "note", string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        DbCommands.AddParameter(insert, "by", by);
        DbCommands.AddParameter(insert, "at", dialect.ToDatabase(at));
        return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Checks a label request before it reaches the store.</summary>
    /// <exception cref="StaffInputException">The label is not one of <see cref="TurnLabels"/>, or the note is too long.</exception>
    public static void ValidateLabel(string label, string? note)
    {
        if (!TurnLabels.IsKnown(label))
        {
            throw new StaffInputException($"Unknown label; use one of: {string.Join(", ", TurnLabels.All.Select(l => l.Value))}.");
        }

        if (note?.Length > TurnLabels.MaxNoteLength)
        {
            throw new StaffInputException($"A label's note may be at most {TurnLabels.MaxNoteLength} characters.");
        }
    }

    /// <summary>
    /// The search as the provider's full-text query: the words of <paramref name="search"/> (letters and digits only,
    /// so nothing in it is query syntax), each a prefix, all required; null when it has no words.
    /// </summary>
    internal static string? SearchQuery(string? search, bool sqlite)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        if (search.Length > InboxQuery.MaxSearchLength)
        {
            throw new StaffInputException($"The search may be at most {InboxQuery.MaxSearchLength} characters.");
        }

        var words = Words().Matches(search).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(MaxSearchWords).ToList();
        return words.Count == 0
            ? null
            : sqlite
                ? string.Join(" AND ", words.Select(w => $"\"{w}\"*"))
                : string.Join(" & ", words.Select(w => $"{w}:*"));
    }

    private static List<string> Filters(DbCommand command, SqlDialect dialect, InboxQuery query, bool withFlags)
    {
        var where = new List<string>();
        if (query.From is { } from)
        {
            where.Add("c.last_activity_at >= @from");
            DbCommands.AddParameter(command, "from", dialect.ToDatabase(from));
        }

        if (query.To is { } to)
        {
            where.Add("c.last_activity_at < @to");
            DbCommands.AddParameter(command, "to", dialect.ToDatabase(to));
        }

        if (!string.IsNullOrEmpty(query.Channel))
        {
            where.Add("c.channel_id = @channel");
            DbCommands.AddParameter(command, "channel", query.Channel);
        }

        var sqlite = ReferenceEquals(dialect, SqlDialect.Sqlite);
        if (SearchQuery(query.Search, sqlite) is { } search)
        {
            if (sqlite)
            {
                where.Add("c.seq IN (SELECT conversation FROM activity_search WHERE activity_search MATCH @search)");
            }
            else
            {
                // The matching conversations' seqs first, from the narrow search table (migration 0009), as one array
                // computed once; then their rows by the primary key, one pass over the sorted keys. As a plain IN,
                // PostgreSQL walked the inbox's index probing each conversation's activities (0.65 s for a word nobody
                // wrote); joined to a set, it hashed every conversation (the benchmark, ADR 0027's addendum).
                where.Add("c.seq = ANY(ARRAY(SELECT DISTINCT s.conversation FROM activity_search s WHERE s.search @@ to_tsquery('simple', @search)))");
            }
            DbCommands.AddParameter(command, "search", search);
        }

        if (!withFlags)
        {
            return where;
        }

        // Each flag is written as its partial index's condition, so the planner can use that index.
        if (query.MinTier is { } tier and > TriageTier.None)
        {
            where.Add(tier >= TriageTier.Urgent ? $"c.escalated_tier >= 2 AND c.escalated_tier >= {(int)tier}" : $"c.escalated_tier >= {(int)tier}");
        }

        if (query.Declined)
        {
            where.Add("c.declined");
        }

        if (query.Clarified)
        {
            where.Add("c.clarified");
        }

        if (query.HandoffRequested)
        {
            where.Add("c.handoff_requested");
        }

        if (query.NegativeFeedback)
        {
            where.Add(Negative);
        }

        if (query.NotReviewed)
        {
            where.Add(NotReviewed);
        }

        return where;
    }

    private static InboxConversation ReadConversation(DbDataReader reader, SqlDialect dialect)
    {
        var tier = (TriageTier)Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture);
        var acknowledged = reader.IsDBNull(12)
            ? null
            : new StaffMark(reader.GetString(12), dialect.ReadTime(reader, 13), (TriageTier)Convert.ToInt32(reader.GetValue(11), CultureInfo.InvariantCulture));
        var reviewed = reader.IsDBNull(14) ? null : new StaffMark(reader.GetString(14), dialect.ReadTime(reader, 15), tier);
        return new InboxConversation(
            new ConversationKey(reader.GetString(1), reader.GetString(2)),
            dialect.ReadTime(reader, 3),
            dialect.ReadTime(reader, 4),
            Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
            tier,
            reader.GetBoolean(7),
            reader.GetBoolean(8),
            reader.GetBoolean(9),
            reader.GetBoolean(10),
            acknowledged,
            reviewed);
    }

    private static void AddKey(DbCommand command, ConversationKey key)
    {
        DbCommands.AddParameter(command, "channel", key.ChannelId);
        DbCommands.AddParameter(command, "conversation", key.ConversationId);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();

    /// <summary>Where the next page starts: the part (0 escalated and unacknowledged, 1 the rest) and the last row's time and seq.</summary>
    private readonly record struct PageToken(int Part, long LastMicros, long Seq)
    {
        public override string ToString() =>
            Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Part}.{LastMicros}.{Seq}")));

        public static PageToken? Parse(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            var parts = token.Length <= 64 && Base64Url.IsValid(token) ? Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('.') : [];
            return parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var part) && part is 0 or 1
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var last)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                ? new PageToken(part, last, seq)
                : throw new StaffInputException("The page token is not one this inbox issued; start again from the first page.");
        }
    }
}

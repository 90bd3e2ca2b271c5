using System.Data.Common;
using System.Globalization;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Dashboard;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the staff dashboard (ADR 0030), shared by the SQLite and PostgreSQL stores: conversations by the
/// quarter hour of their last activity and their highest tier (conversations_last_activity), the bot's answers,
/// clarifying questions and declines by the quarter hour they were sent (SQLite: activities_outcomes, migration 0007,
/// whose "IS NOT NULL" terms let SQLite see that its partial index applies; PostgreSQL: the narrow activity_replies
/// table, migration 0011, whose heap is small enough to read without a visibility map), the feedback on the range's conversations,
/// and the text of the person's message before each decline (activities_conversation). <see cref="DashboardTally"/> puts the
/// quarter hours into the staff's local days.
/// </summary>
public static class StaffDashboardTables
{
    /// <summary>Positive feedback: reactions of these types (the negative ones are <see cref="StaffConversationTables.NegativeReactions"/>).</summary>
    public const string PositiveReactions = "'like', 'heart', 'laugh'";

    public static async Task<StaffDashboard> GetAsync(DbConnection connection, SqlDialect dialect, DashboardQuery query, CancellationToken cancellationToken)
    {
        var sqlite = ReferenceEquals(dialect, SqlDialect.Sqlite);

        // Quarter hours since the Unix epoch: SQLite keeps microseconds, PostgreSQL timestamptz (date_part gives a
        // double; extract gives numeric, whose arithmetic took most of the conversations query's time).
        string Bucket(string column) => sqlite
            ? $"({column} / {DashboardQuery.BucketSeconds * 1_000_000L})"
            : $"CAST(floor(date_part('epoch', {column}) / {DashboardQuery.BucketSeconds}) AS bigint)";
        var text = sqlite ? "json_extract(u.json, '$.text')" : "(replace(u.json, '\\u0000', '')::json ->> 'text')";
        var tally = new DashboardTally(query);

        // PostgreSQL: every tier listed (the column's CHECK allows only these) lets the planner count from
        // conversations_escalated (tier, last_activity_at) alone, four index ranges, where the visibility map allows;
        // without the list it read the whole table (ADR 0030's addendum).
        await ReadAsync(
            connection, dialect, query,
            $"SELECT {Bucket("c.last_activity_at")}, c.escalated_tier, COUNT(*) FROM conversations c " +
            $"WHERE {(sqlite ? "" : "c.escalated_tier IN (0, 1, 2, 3) AND ")}c.last_activity_at >= @from AND c.last_activity_at < @to GROUP BY 1, 2",
            reader => tally.AddConversations(reader.GetInt64(0), (TriageTier)Int(reader, 1), Int(reader, 2)),
            cancellationToken);

        await ReadAsync(
            connection, dialect, query,
            sqlite
                ? $"SELECT {Bucket("a.timestamp")}, a.outcome_kind, COUNT(*) FROM activities a " +
                  "WHERE a.outcome_kind IS NOT NULL AND a.outcome_kind IN ('answer', 'clarify', 'decline') AND a.timestamp >= @from AND a.timestamp < @to GROUP BY 1, 2"
                : $"SELECT {Bucket("r.at")}, r.kind, COUNT(*) FROM activity_replies r " +
                  "WHERE r.kind IN ('answer', 'clarify', 'decline') AND r.at >= @from AND r.at < @to GROUP BY 1, 2",
            reader => tally.AddReplies(reader.GetInt64(0), reader.GetString(1), Int(reader, 2)),
            cancellationToken);

        // Reactions carry no time of their own in conversation_reactions: they count on their conversation's day.
        await ReadAsync(
            connection, dialect, query,
            $"SELECT {Bucket("c.last_activity_at")}, " +
            $"COALESCE(SUM(CASE WHEN r.reaction_type IN ({PositiveReactions}) THEN r.added - r.removed ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN r.reaction_type IN ({StaffConversationTables.NegativeReactions}) THEN r.added - r.removed ELSE 0 END), 0) " +
            "FROM conversations c JOIN conversation_reactions r ON r.channel_id = c.channel_id AND r.conversation_id = c.conversation_id " +
            "WHERE c.last_activity_at >= @from AND c.last_activity_at < @to AND r.added > r.removed GROUP BY 1",
            reader => tally.AddFeedback(reader.GetInt64(0), Int(reader, 1), Int(reader, 2)),
            cancellationToken);

        // The question a decline answered: the person's last message before it in its conversation (as stored,
        // redacted), grouped here by its exact text and by its normalised form in the tally.
        await ReadAsync(
            connection, dialect, query,
            $"SELECT {text}, COUNT(*) FROM activities d JOIN activities u ON u.seq = (SELECT MAX(p.seq) FROM activities p " +
            "WHERE p.channel_id = d.channel_id AND p.conversation_id = d.conversation_id AND p.seq < d.seq AND p.type = 'message' AND p.from_role = 'user') " +
            "WHERE d.outcome_kind IS NOT NULL AND d.outcome_kind = 'decline' AND d.timestamp >= @from AND d.timestamp < @to GROUP BY 1",
            reader => tally.AddDeclined(reader.IsDBNull(0) ? null : reader.GetString(0), Int(reader, 1)),
            cancellationToken);

        return tally.Build();
    }

    private static async Task ReadAsync(DbConnection connection, SqlDialect dialect, DashboardQuery query, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, sql);
        DbCommands.AddParameter(command, "from", dialect.ToDatabase(query.From));
        DbCommands.AddParameter(command, "to", dialect.ToDatabase(query.To));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

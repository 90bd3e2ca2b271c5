using System.Diagnostics;
using System.Globalization;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Dashboard;
using Microsoft.Bot.Schema;
using Activity = Microsoft.Bot.Schema.Activity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace MarrowBot.Benchmarks;

/// <summary>
/// The staff inbox on a full store (issue 11, ADR 0027): 100,000 conversations over 90 days (2-8 activities each,
/// a realistic mix of tiers, declines, clarifying questions, hand-offs, negative reactions, channels, reviewed and
/// acknowledged ones) written through the transcript store's batch path into a real SQLite file, and into
/// PostgreSQL when MARROWBOT_TEST_POSTGRES is set; then the inbox's first page with no filter, with each filter,
/// with searches, the second page, the counts and one transcript, each timed 40 times after warming up (p50, p95).
/// Budget: every one under 100 ms at p95. Also the staff dashboard's figures (ADR 0030) for 30 and 90 days: budget
/// 200 ms at p95. Also the writer's batch of 200 activities with the staff schema's search
/// index and partial indexes, and with them dropped: what they cost the transcript writer.
/// </summary>
public static class StaffInboxBenchmark
{
    private const int Conversations = 100_000;
    private const int Runs = 40;
    private const double BudgetMs = 100;
    private const double DashboardBudgetMs = 200;

    /// <summary>Only the dashboard's cases (after the same seeding): <c>staff-inbox dashboard</c>.</summary>
    public static bool OnlyDashboard { get; set; }

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Questions =
    [
        "what causes marrow failure", "why am i so tired all the time", "is aplastic anaemia genetic", "how long does a transplant take",
        "what does ciclosporin do", "can i go to work during treatment", "my gums keep bleeding when i brush", "I have a fever of 38.6",
        "what is a blood transfusion like", "how do i look after my central line", "my daughter has bruises on her legs", "what foods should i avoid",
        "is it safe to travel abroad", "what are platelets for", "can stem cells fix my marrow", "who can i talk to about feeling low",
        "thanks that helps", "hello", "can I speak to a nurse", "what does neutropenic mean",
    ];

    private static readonly string[] Extras =
    [
        "today", "again", "since monday", "at night", "after chemo", "for my son", "in the morning", "please help", "worried", "still",
        "rash", "headache", "nosebleed", "dizzy", "breathless", "appetite", "sleep", "pain", "swelling", "cough",
    ];

    public static async Task<string> RunAsync(bool postgresOnly = false)
    {
        var lines = new List<string>();
        if (!postgresOnly)
        {
            await MeasureSqliteAsync(lines);
        }

        await MeasurePostgresAsync(lines);
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task MeasureSqliteAsync(List<string> lines)
    {
        using (var store = new TemporaryStore())
        {
            var options = Options.Create(new StorageOptions { OperationTimeout = TimeSpan.FromSeconds(60) });
            using var database = new SqliteDatabase(store.Path, options, NullLogger<SqliteDatabase>.Instance);
            var transcripts = new SqliteTranscriptStore(database);
            lines.Add($"staff inbox, SQLite ({Conversations:N0} conversations):");
            lines.AddRange(await MeasureAsync(transcripts, new SqliteStaffConversations(database), new SqliteStaffDashboard(database), sql => SqliteExecuteAsync(store.Path, sql), sqlite: true));
        }
    }

    private static async Task MeasurePostgresAsync(List<string> lines)
    {
        if (Environment.GetEnvironmentVariable("MARROWBOT_TEST_POSTGRES") is { Length: > 0 } server)
        {
            var schema = "bench_inbox_" + Guid.NewGuid().ToString("N")[..8];
            await PostgresExecuteAsync(server, $"CREATE SCHEMA {schema}");
            var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
            try
            {
                await using var database = new PostgresDatabase(connection, NullLogger<PostgresDatabase>.Instance);
                lines.Add($"staff inbox, PostgreSQL ({Conversations:N0} conversations):");
                lines.AddRange(await MeasureAsync(new PostgresTranscriptStore(database), new PostgresStaffConversations(database), new PostgresStaffDashboard(database), sql => PostgresExecuteAsync(connection, sql), sqlite: false));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await PostgresExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
            }
        }
        else
        {
            lines.Add("staff inbox, PostgreSQL: skipped (MARROWBOT_TEST_POSTGRES not set)");
        }
    }

    private static async Task<List<string>> MeasureAsync(ITranscriptBatchStore transcripts, IStaffConversations staff, IStaffDashboard dashboard, Func<string, Task> execute, bool sqlite)
    {
        var lines = new List<string>();
        var seed = Stopwatch.StartNew();
        var activities = await SeedAsync(transcripts);
        lines.Add($"  seeded {activities:N0} activities in {seed.Elapsed.TotalSeconds:0.0} s ({activities / seed.Elapsed.TotalSeconds:N0} a second through the batch path, search and inbox indexes on)");

        // Reviewed (a fifth) and acknowledged (most escalations), as staff would have left them.
        await execute(sqlite
            ? "UPDATE conversations SET reviewed_by = 'bench', reviewed_at = last_activity_at + 1000000 WHERE seq % 5 = 0"
            : "UPDATE conversations SET reviewed_by = 'bench', reviewed_at = last_activity_at + interval '1 second' WHERE seq % 5 = 0");
        await execute(sqlite
            ? "UPDATE conversations SET acknowledged_tier = escalated_tier, acknowledged_by = 'bench', acknowledged_at = last_activity_at + 1000000 WHERE escalated_tier >= 2 AND seq % 10 < 7"
            : "UPDATE conversations SET acknowledged_tier = escalated_tier, acknowledged_by = 'bench', acknowledged_at = last_activity_at + interval '1 second' WHERE escalated_tier >= 2 AND seq % 10 < 7");
        await execute(sqlite ? "ANALYZE" : "ANALYZE");

        var first = await staff.ListAsync(new InboxQuery(), CancellationToken.None);
        var one = first.Conversations[^1].Key;
        var cases = new (string Name, Func<Task<int>> Run)[]
        {
            ("first page, no filter", () => Count(staff.ListAsync(new InboxQuery(), CancellationToken.None))),
            ("second page, no filter", () => Count(staff.ListAsync(new InboxQuery { PageToken = first.NextPageToken }, CancellationToken.None))),
            ("last 7 days", () => Count(staff.ListAsync(new InboxQuery { From = Now.AddDays(-7), To = Now }, CancellationToken.None))),
            ("channel msteams", () => Count(staff.ListAsync(new InboxQuery { Channel = "msteams" }, CancellationToken.None))),
            ("tier urgent+", () => Count(staff.ListAsync(new InboxQuery { MinTier = TriageTier.Urgent }, CancellationToken.None))),
            ("tier emergency", () => Count(staff.ListAsync(new InboxQuery { MinTier = TriageTier.Emergency }, CancellationToken.None))),
            ("declined", () => Count(staff.ListAsync(new InboxQuery { Declined = true }, CancellationToken.None))),
            ("clarified", () => Count(staff.ListAsync(new InboxQuery { Clarified = true }, CancellationToken.None))),
            ("hand-off asked", () => Count(staff.ListAsync(new InboxQuery { HandoffRequested = true }, CancellationToken.None))),
            ("negative feedback", () => Count(staff.ListAsync(new InboxQuery { NegativeFeedback = true }, CancellationToken.None))),
            ("not yet reviewed", () => Count(staff.ListAsync(new InboxQuery { NotReviewed = true }, CancellationToken.None))),
            ("declined + not reviewed, 7 days", () => Count(staff.ListAsync(new InboxQuery { Declined = true, NotReviewed = true, From = Now.AddDays(-7) }, CancellationToken.None))),
            ("search 'bleeding' (common)", () => Count(staff.ListAsync(new InboxQuery { Search = "bleeding" }, CancellationToken.None))),
            ("search 'nosebleed' (rarer)", () => Count(staff.ListAsync(new InboxQuery { Search = "nosebleed" }, CancellationToken.None))),
            ("search 'fever night' (two words)", () => Count(staff.ListAsync(new InboxQuery { Search = "fever night" }, CancellationToken.None))),
            ("search 'zzzunknown' (no match)", () => Count(staff.ListAsync(new InboxQuery { Search = "zzzunknown" }, CancellationToken.None))),
            ("counts, no filter", async () => (await staff.CountAsync(new InboxQuery(), CancellationToken.None)).Total),
            ("counts, last 7 days", async () => (await staff.CountAsync(new InboxQuery { From = Now.AddDays(-7) }, CancellationToken.None)).Total),
            ("counts, search 'bleeding'", async () => (await staff.CountAsync(new InboxQuery { Search = "bleeding" }, CancellationToken.None)).Total),
            ("one transcript", async () => (await staff.GetTranscriptAsync(one, CancellationToken.None))!.Turns.Count),
            ("dashboard, 30 days", () => Dashboard(dashboard, 30)),
            ("dashboard, 90 days", () => Dashboard(dashboard, 90)),
        };

        var over = new List<string>();
        async Task MeasureCasesAsync(IEnumerable<(string Name, Func<Task<int>> Run)> which)
        {
            foreach (var (name, run) in which)
            {
                for (var i = 0; i < 5; i++)
                {
                    await run();
                }

                var times = new List<double>(Runs);
                var rows = 0;
                for (var i = 0; i < Runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    rows = await run();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                var sorted = times.Order().ToArray();
                var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
                if (p95 > (name.StartsWith("dashboard", StringComparison.Ordinal) ? DashboardBudgetMs : BudgetMs))
                {
                    over.Add(name);
                }

                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} rows {rows,6}  p50 {sorted[sorted.Length / 2],7:0.00} ms  p95 {p95,7:0.00} ms"));
            }
        }

        await MeasureCasesAsync(cases.Where(c => !OnlyDashboard || c.Name.StartsWith("dashboard", StringComparison.Ordinal)));
        if (!sqlite)
        {
            // A freshly loaded table has no visibility map, so PostgreSQL cannot answer from an index alone; a table
            // autovacuum has been over (any table in steady use) can. The dashboard again after VACUUM.
            await execute("VACUUM ANALYZE");
            await MeasureCasesAsync(cases.Where(c => c.Name.StartsWith("dashboard", StringComparison.Ordinal)).Select(c => (c.Name + " (after VACUUM)", c.Run)));
        }

        lines.Add(over.Count == 0 ? $"  every query under its budget at p95 ({BudgetMs} ms, the dashboard {DashboardBudgetMs} ms)" : $"  OVER budget at p95 ({BudgetMs} ms, the dashboard {DashboardBudgetMs} ms): {string.Join(", ", over)}");
        lines.Add(await WriterCostAsync(transcripts, execute, sqlite));
        return lines;
    }

    /// <summary>The writer's batch (200 activities of 50 conversations, as TranscriptWriter sends them) with the staff schema's indexes, then without.</summary>
    private static async Task<string> WriterCostAsync(ITranscriptBatchStore transcripts, Func<string, Task> execute, bool sqlite)
    {
        async Task<double[]> BatchesAsync(string name)
        {
            var times = new List<double>();
            for (var b = 0; b < 60; b++)
            {
                var batch = Enumerable.Range(0, 50).SelectMany(i => Exchange($"{name}-{b}-{i}", Now.AddSeconds(b), b * 50 + i, turns: 2)).ToList();
                var watch = Stopwatch.StartNew();
                await transcripts.LogRecordsAsync(batch, CancellationToken.None);
                if (b >= 10)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            return times.Order().ToArray();
        }

        var with = await BatchesAsync("with");
        if (sqlite)
        {
            // The writer fills the search index per batch; a plain table in its place keeps that statement (and its JSON
            // reading) but not FTS5's work, so this compares the full-text index and the partial indexes.
            await execute("DROP TRIGGER activity_search_update; DROP TRIGGER activity_search_delete; DROP TABLE activity_search; CREATE TABLE activity_search (text TEXT, conversation INTEGER); DROP INDEX conversations_attention; DROP INDEX conversations_urgent; DROP INDEX conversations_declined; " +
                "DROP INDEX conversations_clarified; DROP INDEX conversations_handoff; DROP INDEX conversation_reactions_negative");
        }
        else
        {
            await execute("DROP TABLE activity_search; DROP FUNCTION activity_search_inserted, activity_search_updated, activity_search_deleted CASCADE; " +
                "DROP TABLE activity_replies; DROP FUNCTION activity_replies_inserted, activity_replies_updated, activity_replies_deleted CASCADE; DROP INDEX conversations_attention; DROP INDEX conversations_urgent; DROP INDEX conversations_declined; " +
                "DROP INDEX conversations_clarified; DROP INDEX conversations_handoff; DROP INDEX conversation_reactions_negative");
        }

        var without = await BatchesAsync("without");
        static double P(double[] s, double q) => s[Math.Min(s.Length - 1, (int)Math.Ceiling(q * s.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"  writer batch of 200 activities: with search and inbox indexes p50 {P(with, 0.5):0.00} ms p95 {P(with, 0.95):0.00} ms; without (SQLite: a plain table for the full-text one; PostgreSQL: no search or replies table or their triggers) p50 {P(without, 0.5):0.00} ms p95 {P(without, 0.95):0.00} ms ({(P(with, 0.5) / P(without, 0.5) - 1) * 100:+0;-0} % at p50)");
    }

    private static async Task<int> Count(Task<InboxResults> page) => (await page).Conversations.Count;

    /// <summary>The dashboard's figures for the <paramref name="days"/> days ending on the seeded store's last day (UTC); rows are its conversations.</summary>
    private static async Task<int> Dashboard(IStaffDashboard dashboard, int days)
    {
        var last = DateOnly.FromDateTime(Now.UtcDateTime);
        return (await dashboard.GetAsync(new DashboardQuery(last.AddDays(1 - days), last, TimeZoneInfo.Utc), CancellationToken.None)).Conversations;
    }

    private static async Task<int> SeedAsync(ITranscriptBatchStore transcripts)
    {
        var written = 0;
        var batch = new List<TranscriptRecord>(8_000);
        for (var i = 0; i < Conversations; i++)
        {
            var random = new Random(i);
            var lastAt = Now.AddSeconds(-random.Next(90 * 24 * 3600));
            batch.AddRange(Exchange($"conv-{i:000000}", lastAt, i, turns: 1 + random.Next(4)));
            if (batch.Count >= 4_000)
            {
                await transcripts.LogRecordsAsync(batch, CancellationToken.None);
                written += batch.Count;
                batch.Clear();
            }
        }

        await transcripts.LogRecordsAsync(batch, CancellationToken.None);
        return written + batch.Count;
    }

    /// <summary>One conversation's turns: the person's message and the bot's reply each, with a mix like the bot's: mostly answers, some escalations, declines, clarifying questions, hand-offs and reactions.</summary>
    private static IEnumerable<TranscriptRecord> Exchange(string id, DateTimeOffset at, int seed, int turns)
    {
        var random = new Random(seed);
        var channel = random.Next(100) switch { < 70 => "directline", < 95 => "msteams", _ => "emulator" };
        var start = at.AddMinutes(-turns);
        for (var t = 0; t < turns; t++)
        {
            var time = start.AddMinutes(t);
            var text = Questions[random.Next(Questions.Length)] + " " + Extras[random.Next(Extras.Length)];
            var roll = random.Next(1000);
            var (kind, tier) = roll switch
            {
                < 8 => ("triage", "emergency"),
                < 30 => ("triage", "urgent"),
                < 60 => ("answer", "routine"),
                < 90 => ("decline", "none"),
                < 125 => ("clarify", "none"),
                < 133 => ("handoff", "none"),
                _ => ("answer", "none"),
            };
            yield return Record(Message(channel, id, time, $"u{t}", text, "user", null, null));
            yield return Record(Message(channel, id, time.AddSeconds(1), $"r{t}", "Here is what the reviewed article says [1]", "bot", kind, tier));
            if (random.Next(100) < 2)
            {
                var reaction = Message(channel, id, time.AddSeconds(5), $"x{t}", null, "user", null, null);
                reaction.Type = ActivityTypes.MessageReaction;
                reaction.ReplyToId = $"r{t}";
                reaction.ReactionsAdded = [new MessageReaction(random.Next(2) == 0 ? "sad" : "like")];
                yield return Record(reaction);
            }
        }
    }

    private static Activity Message(string channel, string conversation, DateTimeOffset at, string id, string? text, string role, string? kind, string? tier)
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = id,
            ChannelId = channel,
            Conversation = new ConversationAccount(id: conversation),
            From = new ChannelAccount(role == "bot" ? "marrowbot" : "user", role: role),
            Recipient = new ChannelAccount(role == "bot" ? "user" : "marrowbot", role: role == "bot" ? "user" : "bot"),
            Text = text,
            Timestamp = at,
        };
        if (kind is not null)
        {
            activity.Entities = [new Entity("marrowbot.outcome") { Properties = new JObject { ["kind"] = kind, ["intent"] = "causes", ["confidence"] = 0.71, ["triage"] = tier, ["sections"] = new JArray("causes") } }];
        }

        return activity;
    }

    private static TranscriptRecord Record(Activity activity) => TranscriptRecord.From(activity);

    private static async Task SqliteExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task PostgresExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}

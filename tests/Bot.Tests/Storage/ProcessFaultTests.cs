using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// SIGTERM and SIGKILL in the middle of a load, against the real bot run as its own OS process (<see cref="BotProcess"/>)
/// on a SQLite file and journal in a temporary folder; a second process started on the same folder replays what the
/// first left in the journal, and the SQLite file is then read directly. 24 conversations send turns through
/// POST /api/messages (expectReplies) while the signal arrives; what the client saw acknowledged is compared with
/// what was stored (<see cref="TranscriptCheck"/>), and no process may log a patient's words.
/// </summary>
[Collection(BotProcessCollection.Name)]
public sealed partial class ProcessFaultTests(ITestOutputHelper output) : IDisposable
{
    private const int Conversations = 24;

    /// <summary>Each conversation's pause between turns: a few hundred turns a second in all, which two cores carry.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan LoadBeforeSignal = TimeSpan.FromSeconds(3);

    /// <summary>The host's shutdown timeout: a stop that takes longer is not graceful.</summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    /// <summary>Words of the load's messages (<see cref="TranscriptLoad"/>) that must never reach a log.</summary>
    private static readonly string[] PatientWords = ["gums", "marrow failure", "fever of 39", "chest pain", "is it genetic", "bone marrow transplant"];

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Storage:TranscriptBufferCapacity"] = "500",
        ["Storage:RetryInitialDelay"] = "00:00:00.050",
        ["Storage:RetryMaxDelay"] = "00:00:01",
        ["Storage:OperationTimeout"] = "00:00:00.500",
        ["Safety:EmergencyNumber"] = "999",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-process-").FullName;

    private string DatabasePath => Path.Combine(_folder, "marrowbot.db");

    private string JournalPath => Path.Combine(_folder, "transcripts.journal");

    /// <summary>
    /// With the store up, a SIGTERM under load is a clean stop: exit code 0 within 30 s, the journal left empty
    /// (the stop wrote what was buffered to the store), every acknowledged turn stored once and in order with
    /// exactly the replies the client received and nothing it did not, and each conversation's stored tier the
    /// highest it was replied with. A second start on the folder finds nothing to replay and changes none of it.
    /// </summary>
    [Fact]
    public async Task ASigtermMidLoadExitsWithZeroAndEveryAcknowledgedTurnIsInTheStore()
    {
        await using var first = await BotProcess.StartAsync(_folder, Settings);
        var load = new TranscriptLoad(first.Client, Conversations, "term");

        var (exit, took) = await LoadAndSignalAsync(first, load, BotProcess.SigTerm);

        Assert.Equal(0, exit);
        AssertEnoughLoad(load);
        Assert.Equal(0, new FileInfo(JournalPath).Length);
        var storedAtExit = await CheckEveryAcknowledgedTurnStoredAsync(load);
        var (replayed, marks, lines) = await RestartAndDrainAsync();
        Assert.Equal(0, replayed + marks);
        Assert.Equal(storedAtExit, await CheckEveryAcknowledgedTurnStoredAsync(load));
        AssertCleanLogs(first.Lines.Concat(lines));
        Report("SIGTERM, store up", load, exit, took, storedAtExit, replayed, marks);
    }

    /// <summary>
    /// A SIGTERM while another connection holds the SQLite file's write lock (BEGIN IMMEDIATE), so the stop cannot
    /// reach the store and must move what is buffered to the journal: exit code 0 within 30 s, the journal not empty;
    /// after a second start on the folder has replayed it, every acknowledged turn is stored once and in order, and
    /// each conversation's stored tier is the highest it was replied with.
    /// </summary>
    [Fact]
    public async Task ASigtermWhileTheStoreIsLockedDrainsToTheJournalAndTheNextStartStoresEveryAcknowledgedTurn()
    {
        await using var first = await BotProcess.StartAsync(_folder, Settings);
        var load = new TranscriptLoad(first.Client, Conversations, "term-locked");
        await load.RunTurnsAsync(3);
        await first.WaitUntilStoredAsync(TimeSpan.FromSeconds(20));

        int exit;
        TimeSpan took;
        long journalled;
        await using (var holder = await HoldTheWriteLockAsync())
        {
            (exit, took) = await LoadAndSignalAsync(first, load, BotProcess.SigTerm);
            journalled = new FileInfo(JournalPath).Length;
        }

        Assert.Equal(0, exit);
        AssertEnoughLoad(load);
        Assert.True(journalled > 0, "The stop left nothing in the journal although the store was locked.");
        Assert.Contains(first.Lines, l => l.Contains("in the transcript journal", StringComparison.Ordinal) && l.Contains("for the next start", StringComparison.Ordinal));
        var (replayed, marks, lines) = await RestartAndDrainAsync();
        Assert.True(replayed > 0, "The second start replayed no activities.");
        var stored = await CheckEveryAcknowledgedTurnStoredAsync(load);
        AssertCleanLogs(first.Lines.Concat(lines));
        Report("SIGTERM, store locked", load, exit, took, stored, replayed, marks, journalled);
    }

    /// <summary>
    /// SIGKILL under load with the store up. Replies are acknowledged once their activities are in the in-memory
    /// buffer, before they are stored or journalled (the journal takes activities only while the store is slow or
    /// down), so a kill loses what was still buffered: the turns of the last batch delay (100 ms) and write; by design, not
    /// asserted against. Asserted: the SQLite file opens and passes integrity_check; nothing stored before the kill
    /// is lost (ten turns per conversation flushed first, and every row committed at a snapshot just before the
    /// kill); what is stored of each conversation is the start of what was sent, once each and in order, each
    /// stored turn followed by the replies its client received (the last one possibly cut short at a batch
    /// boundary); every escalation mark journalled before the kill reaches the store, so each conversation's stored
    /// tier is at least the highest urgent or emergency tier it was replied with (the mark is fsynced before such a
    /// reply leaves); and a torn record at the journal's end is cut off with a warning, not a crash.
    /// </summary>
    [Fact]
    public Task ASigkillMidLoadLosesNothingStoredNorAnyEscalationReplied() => SigkillMidLoadAsync(lockTheStore: false);

    /// <summary>
    /// SIGKILL under load while another connection holds the SQLite write lock (taken after three seconds of load,
    /// held two more), so the bot has been moving acknowledged activities to the journal (every 50 ms while the
    /// store fails): the same checks as with the store up, and also every activity and escalation mark in the
    /// journal's intact records at the kill is stored after the next start, once and in order.
    /// </summary>
    [Fact]
    public Task ASigkillWhileTheStoreIsLockedLosesNothingJournalledNorAnyEscalationReplied() => SigkillMidLoadAsync(lockTheStore: true);

    /// <summary>
    /// A turn in flight when SIGTERM arrives still gets its 200 and its replies: the turn is held up on purpose
    /// (another connection holds the SQLite write lock, so its state write waits the 3 s operation timeout), the
    /// signal comes a second into it, and the process exits with 0 only after the reply went out. The turn's
    /// activities, which the stop could only journal, are stored by the next start.
    /// </summary>
    [Fact]
    public async Task ATurnInFlightWhenSigtermArrivesStillGetsItsReply()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Storage:OperationTimeout"] = "00:00:03" };
        await using var bot = await BotProcess.StartAsync(_folder, settings);
        var conversation = "in-flight-" + Guid.NewGuid().ToString("N");
        var activity = Activities.Message("what is a bone marrow transplant", conversation);
        activity["deliveryMode"] = "expectReplies";

        int exit;
        TimeSpan took;
        HttpStatusCode status;
        JArray replies;
        await using (var holder = await HoldTheWriteLockAsync())
        {
            var turn = PostAsync(bot.Client, activity);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(turn.IsCompleted, "The turn was not in flight when the signal was sent.");
            var watch = Stopwatch.StartNew();
            bot.Signal(BotProcess.SigTerm);
            using var response = await turn;
            status = response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            replies = body.Length == 0 ? [] : (JArray)JObject.Parse(body)["activities"]!;
            exit = await bot.WaitForExitAsync(ExitBound);
            took = watch.Elapsed;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(replies);
        Assert.Equal(0, exit);
        var (replayed, _, lines) = await RestartAndDrainAsync();
        using (var database = OpenDatabase())
        {
            var stored = await TranscriptCheck.ReadAllAsync(new SqliteTranscriptStore(database), "emulator", conversation);
            Assert.Equal((string)activity["id"]!, stored[0].Id);
            Assert.Equal(replies.Select(r => (string?)r["text"]), stored.Skip(1).Select(a => ((IMessageActivity)a).Text));
        }

        AssertCleanLogs(bot.Lines.Concat(lines));
        output.WriteLine($"In flight: 200 with {replies.Count} replies after the signal; exit {exit} {took.TotalSeconds:0.0} s after it; the next start replayed {replayed} activities");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The SIGKILL tests: see their summaries for what is asserted and what a kill may lose.</summary>
    private async Task SigkillMidLoadAsync(bool lockTheStore)
    {
        var run = lockTheStore ? "SIGKILL, store locked" : "SIGKILL, store up";
        await using var first = await BotProcess.StartAsync(_folder, Settings);
        var load = new TranscriptLoad(first.Client, Conversations, lockTheStore ? "kill-locked" : "kill");
        await load.RunTurnsAsync(10);
        await first.WaitUntilStoredAsync(TimeSpan.FromSeconds(20));
        var flushedAt = DateTime.UtcNow;
        var flushed = await CommittedAsync();
        Assert.Equal(load.Turns.Sum(t => 1 + t.Replies.Count), flushed.Values.Sum(ids => ids.Count));

        Dictionary<string, List<string>> committed = [];
        WriteLock? holder = null;
        int exit;
        TimeSpan took;
        List<JournalBatch> journalled;
        try
        {
            (exit, took) = await LoadAndSignalAsync(first, load, BotProcess.SigKill, async () =>
            {
                if (lockTheStore)
                {
                    holder = await HoldTheWriteLockAsync();
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }

                committed = await CommittedAsync();
            });
            journalled = JournalFile.ReadIntact(JournalPath);
        }
        finally
        {
            if (holder is not null)
            {
                await holder.DisposeAsync();
            }
        }

        Assert.Equal(128 + BotProcess.SigKill, exit);
        AssertEnoughLoad(load);
        Assert.NotEmpty(load.Unexpected);
        var journalledActivities = journalled.Sum(b => b.Records.Count);
        var journalledMarks = journalled.Sum(b => b.Escalations.Count);
        if (lockTheStore)
        {
            Assert.True(journalledActivities > 0, "Nothing was journalled while the store was locked.");
        }

        var journalBytes = new FileInfo(JournalPath).Length;
        var tornConversation = "torn-" + Guid.NewGuid().ToString("N");
        AppendTornRecord(tornConversation);

        var (replayed, marks, lines) = await RestartAndDrainAsync();
        Assert.Contains(lines, l => l.Contains("torn or damaged record", StringComparison.Ordinal));
        Assert.Equal(journalledActivities, replayed);
        Assert.Equal(journalledMarks, marks);
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));
        var after = await CommittedAsync();
        var (lostTurns, cutTurns) = (0, 0);
        using (var database = OpenDatabase())
        {
            var store = new SqliteTranscriptStore(database);
            await TranscriptCheck.AssertStoredIsAPrefixOfWhatWasSentAsync(load, store, store, flushedAt);
            Assert.Null(await store.GetConversationAsync("emulator", tornConversation, CancellationToken.None));
            foreach (var mark in journalled.SelectMany(b => b.Escalations))
            {
                var summary = await store.GetConversationAsync(mark.ChannelId, mark.ConversationId, CancellationToken.None);
                Assert.True(summary?.EscalatedTier >= mark.Tier, $"Conversation {mark.ConversationId}: a {mark.Tier} mark was journalled, {summary?.EscalatedTier} is stored.");
            }

            foreach (var conversation in load.Conversations)
            {
                var stored = await TranscriptCheck.ReadAllAsync(store, "emulator", conversation.Id);
                foreach (var turn in conversation.Acknowledged)
                {
                    var at = stored.FindIndex(a => a.Id == turn.ActivityId);
                    var replies = at < 0 ? 0 : stored.Skip(at + 1).TakeWhile(a => a.From.Role != RoleTypes.User).Count();
                    lostTurns += at < 0 ? 1 : 0;
                    cutTurns += at >= 0 && replies < turn.Replies.Count ? 1 : 0;
                }
            }
        }

        foreach (var (conversation, ids) in flushed.Concat(committed))
        {
            Assert.True(after[conversation].Take(ids.Count).SequenceEqual(ids), $"Conversation {conversation}: {ids.Count} activities were stored before the kill, not all of them are now.");
        }

        foreach (var record in journalled.SelectMany(b => b.Records))
        {
            Assert.Single(after.GetValueOrDefault(record.ConversationId) ?? [], id => id == record.ActivityId);
        }

        var storedCount = after.Values.Sum(ids => ids.Count);
        Assert.DoesNotContain(first.Lines.Concat(lines), l => l.Contains("could not be written to the journal before its reply", StringComparison.Ordinal));
        AssertCleanLogs(first.Lines.Concat(lines));
        Report(run, load, exit, took, storedCount, replayed, marks, journalBytes);
        output.WriteLine(
            $"{run}: {committed.Values.Sum(ids => ids.Count)} activities committed at the snapshot just before the kill; journal at the kill: {journalledActivities} activities and {journalledMarks} escalation marks in intact records; " +
            $"{lostTurns} acknowledged turns not stored at all and {cutTurns} stored without all their replies (buffered in memory only at the kill)");
    }

    /// <summary>
    /// Runs the load, sends <paramref name="signal"/> once it has run a few seconds (after <paramref name="beforeSignal"/>),
    /// waits for the process to exit, and stops the load; returns the exit code and how long the exit took.
    /// </summary>
    private static async Task<(int ExitCode, TimeSpan Took)> LoadAndSignalAsync(BotProcess bot, TranscriptLoad load, int signal, Func<Task>? beforeSignal = null)
    {
        using var stop = new CancellationTokenSource();
        var during = load.RunUntilAsync(stop.Token, Pause);
        await Task.Delay(LoadBeforeSignal);
        if (beforeSignal is not null)
        {
            await beforeSignal();
        }

        var watch = Stopwatch.StartNew();
        bot.Signal(signal);
        var exit = await bot.WaitForExitAsync(ExitBound);
        var took = watch.Elapsed;
        await stop.CancelAsync();
        await during;
        return (exit, took);
    }

    /// <summary>Starts a second process on the folder, waits until it has replayed the journal and stored everything, and stops it (exit 0); returns what it found in the journal and its log.</summary>
    private async Task<(long Activities, long Marks, List<string> Lines)> RestartAndDrainAsync()
    {
        await using var second = await BotProcess.StartAsync(_folder, Settings);
        await second.WaitUntilStoredAsync(TimeSpan.FromSeconds(30));
        second.Signal(BotProcess.SigTerm);
        Assert.Equal(0, await second.WaitForExitAsync(ExitBound));
        var lines = second.Lines.ToList();
        var found = lines.Select(l => JournalFound().Match(l)).FirstOrDefault(m => m.Success);
        return found is null
            ? (0, 0, lines)
            : (long.Parse(found.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(found.Groups[2].Value, CultureInfo.InvariantCulture), lines);
    }

    /// <summary>The strict check: every acknowledged turn stored once, in order, nothing else, tiers as replied; returns how many activities are stored.</summary>
    private async Task<int> CheckEveryAcknowledgedTurnStoredAsync(TranscriptLoad load)
    {
        using var database = OpenDatabase();
        var store = new SqliteTranscriptStore(database);
        await TranscriptCheck.AssertEveryAcknowledgedTurnStoredOnceInOrderAsync(load, store, store);
        return (await CommittedAsync()).Values.Sum(ids => ids.Count);
    }

    private SqliteDatabase OpenDatabase() => new(DatabasePath, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);

    /// <summary>The ids of the activities committed to the SQLite file now, per conversation in stored order (read without a write of its own, so it can run while the bot writes).</summary>
    private async Task<Dictionary<string, List<string>>> CommittedAsync()
    {
        var committed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversation_id, activity_id FROM activities WHERE channel_id = 'emulator' ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var conversation = reader.GetString(0);
            if (!committed.TryGetValue(conversation, out var ids))
            {
                committed[conversation] = ids = [];
            }

            ids.Add(reader.GetString(1));
        }

        return committed;
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>Another connection's write transaction on the SQLite file (BEGIN IMMEDIATE), held until disposed.</summary>
    private async Task<WriteLock> HoldTheWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    /// <summary>The first half of a journal record, as an append cut short by a kill leaves it.</summary>
    private void AppendTornRecord(string conversation)
    {
        var record = JournalCodec.Encode([], [new EscalationMark("emulator", conversation, TriageTier.Emergency, DateTimeOffset.UtcNow)]);
        using var journal = new FileStream(JournalPath, FileMode.Append, FileAccess.Write);
        journal.Write(record, 0, record.Length / 2);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JObject activity)
    {
        var content = new StringContent(activity.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync("/api/messages", content);
    }

    /// <summary>The signal came under real load: every conversation had several turns acknowledged, triage among them.</summary>
    private static void AssertEnoughLoad(TranscriptLoad load)
    {
        Assert.All(load.Conversations, c => Assert.True(c.Acknowledged.Count() >= 5, $"Conversation {c.Id}: only {c.Acknowledged.Count()} turns acknowledged."));
        Assert.Contains(load.Turns, t => t.AcknowledgedAt is not null && t.Tier >= TriageTier.Urgent);
        Assert.All(load.Turns.Where(t => t.Status != 0), t => Assert.Equal(200, t.Status));
    }

    /// <summary>The processes' logs hold none of the patients' words and no crash (a critical entry or an unhandled exception).</summary>
    private static void AssertCleanLogs(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        Assert.NotEmpty(all);
        Assert.DoesNotContain(all, l => l.StartsWith("crit:", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase));
        foreach (var words in PatientWords)
        {
            Assert.DoesNotContain(all, l => l.Contains(words, StringComparison.OrdinalIgnoreCase));
        }
    }

    private void Report(string run, TranscriptLoad load, int exit, TimeSpan took, int stored, long replayed, long marks, long journalBytes = 0) =>
        output.WriteLine(
            $"{run}: {load.Turns.Count(t => t.AcknowledgedAt is not null)} turns acknowledged of {load.Turns.Count()} sent ({load.Unexpected.Count} failed without a status), " +
            $"{load.Turns.Where(t => t.AcknowledgedAt is not null).Sum(t => 1 + t.Replies.Count)} activities acknowledged, {stored} stored; " +
            $"exit {exit} {took.TotalSeconds:0.00} s after the signal; journal {journalBytes} bytes at exit; the next start replayed {replayed} activities and {marks} escalation marks");

    [GeneratedRegex(@"holds (\d+) activities and (\d+) escalation marks from before")]
    private static partial Regex JournalFound();

    /// <summary>An open write transaction and its connection; disposing rolls back and closes.</summary>
    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

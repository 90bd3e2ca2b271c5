using System.Diagnostics;
using MarrowBot.Bot.Conversation;
using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Activity = Microsoft.Bot.Schema.Activity;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Where transcript logging's cost goes, per activity of a typical mix of turns: Bot Builder's JSON clone (which
/// the bot no longer makes, for comparison), redaction, the record's JSON, the logger's whole work on the turn, and
/// the SQLite insert. Single thread, after warm-up.
/// </summary>
public static class TranscriptPartsBenchmark
{
    private static readonly string[] Messages =
    [
        "what causes marrow failure?", "why am i so tierd all the time", "hello", "what dose of ciclosporin should i take",
        "is it genetic", "I have a fever of 38.5", "thanks so much", "my number is 07700 900123, can stem cells fix my marrow",
    ];

    private static readonly JsonSerializerSettings CloneSettings = new() { NullValueHandling = NullValueHandling.Ignore };

    public static async Task<string> RunAsync()
    {
        using var folder = new TemporaryStore();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
            ["Storage:SqlitePath"] = folder.Path,
            ["Storage:Transcripts"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        await using var app = builder.Build();
        app.MapMarrowBot();
        await app.StartAsync();

        var adapter = app.Services.GetRequiredService<MarrowBotAdapter>();
        var bot = app.Services.GetRequiredService<IBot>();
        var activities = new List<IActivity>();
        foreach (var text in Messages)
        {
            var inbound = new Activity(ActivityTypes.Message)
            {
                Id = Guid.NewGuid().ToString("N"), ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:9",
                From = new ChannelAccount("user", role: RoleTypes.User), Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
                Conversation = new ConversationAccount(id: "parts"), Text = text, Timestamp = DateTimeOffset.UtcNow,
            };
            activities.Add(JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(inbound, CloneSettings))!);
            foreach (var reply in await adapter.ProcessLocallyAsync(inbound, bot.OnTurnAsync, CancellationToken.None))
            {
                reply.Id ??= Guid.NewGuid().ToString("N");
                reply.Conversation ??= inbound.Conversation;
                reply.ChannelId ??= inbound.ChannelId;
                activities.Add(reply);
            }
        }

        var records = activities.Select(TranscriptRecord.From).ToList();
        var batch = Enumerable.Range(0, 100 / records.Count + 1).SelectMany(_ => records).Take(100).ToList();
        var store = (ITranscriptBatchStore)app.Services.GetRequiredService<ITranscriptStore>();
        var redactor = app.Services.GetRequiredService<MarrowBot.Knowledge.Privacy.PiiRedactor>();
        var queue = app.Services.GetRequiredService<TranscriptQueue>();
        var logger = app.Services.GetRequiredService<BufferedTranscriptLogger>();

        var personal = activities.Where(a => a.From?.Role != RoleTypes.Bot).ToList();
        var replay = (MarrowBot.Bot.Transcripts.Journal.IJournalReplayStore)store;
        using var journal = new MarrowBot.Bot.Transcripts.Journal.TranscriptJournal(
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(folder.Path)!, "parts.journal"),
            Microsoft.Extensions.Options.Options.Create(new MarrowBot.Bot.Transcripts.Journal.TranscriptJournalOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MarrowBot.Bot.Transcripts.Journal.TranscriptJournal>.Instance);
        journal.Open();
        var mark = new[] { new MarrowBot.Bot.Transcripts.Journal.EscalationMark("emulator", "parts", MarrowBot.Knowledge.Triage.TriageTier.Urgent, DateTimeOffset.UtcNow) };

        void MarkOneByOne()
        {
            // Before 2026-12-02: each mark woke the writer, which stored it in its own transaction and truncated the journal (a second fsync).
            journal.RecordEscalationsAsync(mark).GetAwaiter().GetResult();
            var oldest = journal.ReadOldest()!;
            replay.ReplayAsync([], oldest.Escalations, CancellationToken.None).GetAwaiter().GetResult();
            journal.Complete(oldest);
        }

        void MarksWithTheBatch()
        {
            // Now: the marks waiting are stored after the writer's next batch, in one transaction, and the journal truncated once.
            for (var i = 0; i < 10; i++)
            {
                journal.RecordEscalationsAsync(mark).GetAwaiter().GetResult();
            }

            var marks = journal.ReadMarks()!;
            replay.ReplayAsync([], marks.Escalations, CancellationToken.None).GetAwaiter().GetResult();
            journal.CompleteMarks(marks);
        }

        string Drain()
        {
            while (journal.ReadOldest() is { } oldest)
            {
                journal.Complete(oldest);
            }

            return string.Empty;
        }

        void EachActivity(Action<IActivity> action) => activities.ForEach(action);
        void Clone(IActivity a) => JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(a, CloneSettings));
        void Log(IActivity a) => logger.LogActivityAsync(a);

        return string.Join('\n',
        [
            $"transcript work per activity ({activities.Count} activities from {Messages.Length} turns, mean JSON {records.Average(r => r.Json.Length):0} chars):",
            "  Bot Builder clone (serialize + deserialize): " + Time(() => EachActivity(Clone), activities.Count),
            "  serialize only:                              " + Time(() => EachActivity(a => JsonConvert.SerializeObject(a, CloneSettings)), activities.Count),
            "  redaction, per message a person wrote:       " + Time(() => Array.ForEach(Messages, m => redactor.Redact(m)), Messages.Length),
            "  TranscriptRecord.From:                       " + Time(() => EachActivity(a => TranscriptRecord.From(a)), activities.Count),
            "  the logger: copy, filters (redaction), JSON: " + Time(() => { EachActivity(Log); queue.Remove(queue.Count); }, activities.Count),
            $"  the logger, the {personal.Count} a person sent only:     " + Time(() => { personal.ForEach(Log); queue.Remove(queue.Count); }, personal.Count),
            "  escalation mark on disk (append + fsync):    " + Time(() => journal.RecordEscalationsAsync(mark).GetAwaiter().GetResult(), 1, iterations: 200),
            Drain() + "  ...and stored one by one (before):           " + Time(MarkOneByOne, 1, iterations: 200),
            "  ...and stored with the batch, 10 per batch:  " + Time(MarksWithTheBatch, 10, iterations: 40),
            "  SQLite insert, batches of 100:               " + Time(() => store.LogRecordsAsync(batch, CancellationToken.None).GetAwaiter().GetResult(), batch.Count, iterations: 50),
        ]);
    }

    /// <summary>Wall-clock and CPU time per item after warm-up, and what one more run allocates on this thread.</summary>
    private static string Time(Action action, int perCall, int iterations = 2_000)
    {
        for (var i = 0; i < Math.Max(10, iterations / 10); i++)
        {
            action();
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        var wall = watch.Elapsed.TotalMicroseconds / iterations / perCall;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations / perCall;
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / perCall;
        return $"{wall,6:0.0} us wall, {used,6:0.0} us CPU, {allocated / 1024.0,5:0.0} KiB allocated";
    }
}

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
/// Where transcript logging's cost goes, per activity of a typical mix of turns: Bot Builder's JSON clone, the
/// redaction filter, the record's JSON, and the SQLite insert. Single thread, after warm-up.
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
        using var store = new TemporaryStore();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
            ["Storage:SqlitePath"] = store.Path,
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
        var batchStore = (ITranscriptBatchStore)app.Services.GetRequiredService<ITranscriptStore>();
        var lines = new List<string> { $"transcript work per activity ({activities.Count} activities from {Messages.Length} turns, mean JSON {records.Average(r => r.Json.Length):0} chars):" };
        lines.Add("  Bot Builder clone (serialize + deserialize): " + Time(() => { foreach (var a in activities) { JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(a, CloneSettings)); } }, activities.Count));
        lines.Add("  serialize only:                              " + Time(() => { foreach (var a in activities) { JsonConvert.SerializeObject(a, CloneSettings); } }, activities.Count));
        var redactor = app.Services.GetRequiredService<MarrowBot.Knowledge.Privacy.PiiRedactor>();
        lines.Add("  redaction, per message a person wrote:       " + Time(() => { foreach (var m in Messages) { redactor.Redact(m); } }, Messages.Length));
        lines.Add("  TranscriptRecord.From:                       " + Time(() => { foreach (var a in activities) { TranscriptRecord.From(a); } }, activities.Count));
        var queue = app.Services.GetRequiredService<TranscriptQueue>();
        var logger = app.Services.GetRequiredService<BufferedTranscriptLogger>();
        lines.Add("  the logger: copy, filters (redaction), JSON: " + Time(() => { foreach (var a in activities) { logger.LogActivityAsync(a); } queue.Remove(queue.Count); }, activities.Count));
        var batch = Enumerable.Range(0, 100 / records.Count + 1).SelectMany(_ => records).Take(100).ToList();
        lines.Add("  SQLite insert, batches of 100:               " + Time(() => batchStore.LogRecordsAsync(batch, CancellationToken.None).GetAwaiter().GetResult(), batch.Count, iterations: 50));
        return string.Join('\n', lines);
    }

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
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / perCall;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations / perCall;
        return $"{wall,6:0.0} us wall, {used,6:0.0} us CPU, {allocated / 1024.0,5:0.0} KiB allocated";
    }
}

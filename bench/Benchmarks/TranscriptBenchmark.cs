using System.Diagnostics;
using MarrowBot.Bot.Conversation;
using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Activity = Microsoft.Bot.Schema.Activity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Throughput of turns with transcript logging to SQLite off and on, side by side in one run: two real hosts
/// (SQLite conversation state in both), turns through Bot Builder's CloudAdapter pipeline with its middleware
/// (deliveryMode expectReplies, no HTTP): one conversation at a time, and four at once (both cores busy with
/// turns, so every microsecond the writer spends is a turn not taken). Rounds alternate between the two hosts so
/// that drift on a shared machine falls on both; CPU time per turn (all threads, the writer's included) is less
/// disturbed by neighbours than wall-clock throughput. Budget: logging costs at most 10 % of throughput.
/// </summary>
public static class TranscriptBenchmark
{
    private const int TurnsPerRound = 1_200;
    private const int Rounds = 10;

    private static readonly string[] Messages =
    [
        "what causes marrow failure?",
        "why am i so tierd all the time",
        "hello",
        "what dose of ciclosporin should i take",
        "is it genetic",
        "I have a fever of 38.5",
        "thanks so much",
        "can stem cells fix my marrow",
    ];

    /// <param name="inTurnOnly">Store nothing (a store that discards): measures only the work done inside the turn (Bot Builder's middleware copying each activity, the logger's snapshot).</param>
    public static async Task<string> RunAsync(bool inTurnOnly = false)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-bench-").FullName;
        try
        {
            await using var off = await StartAsync(Path.Combine(folder, "off.db"), transcripts: false);
            await using var on = await StartAsync(Path.Combine(folder, "on.db"), transcripts: true, discard: inTurnOnly);
            for (var i = 0; i < 3; i++)
            {
                await RoundAsync(off, "warm" + i, 1, 1_000);
                await RoundAsync(on, "warm" + i, 1, 1_000);
                await RoundAsync(off, "warm" + i, 4, 1_000);
                await RoundAsync(on, "warm" + i, 4, 1_000);
            }

            var lines = new List<string> { inTurnOnly ? "transcripts on but discarded (the cost inside the turn only):" : "transcripts off vs on (SQLite):" };
            foreach (var conversations in new[] { 1, 4 })
            {
                lines.Add(await CompareAsync(off, on, conversations));
            }

            lines.Add($"{on.Services.GetRequiredService<TranscriptWriter>().Written} activities written, {on.Services.GetRequiredService<TranscriptQueue>().Dropped} dropped");
            return string.Join('\n', lines);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Alternates rounds on the two hosts (off-on, then on-off, ...) and compares each round with its neighbour:
    /// the median of those ratios is robust to the machine speeding up or slowing down during the run. A round with
    /// transcripts on ends when its transcripts are stored, so the writer's work is inside it.
    /// </summary>
    private static async Task<string> CompareAsync(WebApplication off, WebApplication on, int conversations)
    {
        var offRounds = new List<Round>();
        var onRounds = new List<Round>();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"c{conversations}-r{round}";
            if (round % 2 == 0)
            {
                offRounds.Add(await RoundAsync(off, name, conversations, TurnsPerRound));
                onRounds.Add(await RoundAsync(on, name, conversations, TurnsPerRound));
            }
            else
            {
                onRounds.Add(await RoundAsync(on, name, conversations, TurnsPerRound));
                offRounds.Add(await RoundAsync(off, name, conversations, TurnsPerRound));
            }
        }

        var throughput = (Median(onRounds.Zip(offRounds, (a, b) => a.TurnsPerSecond / b.TurnsPerSecond).ToList()) - 1) * 100;
        var cpu = (Median(onRounds.Zip(offRounds, (a, b) => a.CpuPerTurn / b.CpuPerTurn).ToList()) - 1) * 100;
        return $"{conversations} conversation{(conversations > 1 ? "s" : string.Empty)} at once, {Rounds} paired rounds of {TurnsPerRound} turns:\n" +
            $"  off: median {Median(offRounds.Select(r => r.TurnsPerSecond).ToList()):0} turns/s, {Median(offRounds.Select(r => r.CpuPerTurn).ToList()):0} us CPU per turn\n" +
            $"  on:  median {Median(onRounds.Select(r => r.TurnsPerSecond).ToList()):0} turns/s, {Median(onRounds.Select(r => r.CpuPerTurn).ToList()):0} us CPU per turn\n" +
            $"  logging changes throughput by {throughput:+0.0;-0.0} % (budget -10 %) and CPU per turn by {cpu:+0.0;-0.0} % (medians of paired rounds)\n" +
            $"  throughput by round, off: {Describe(offRounds.Select(r => r.TurnsPerSecond).ToList())}; on: {Describe(onRounds.Select(r => r.TurnsPerSecond).ToList())}";
    }

    private static async Task<WebApplication> StartAsync(string sqlitePath, bool transcripts, bool discard = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
            ["Storage:SqlitePath"] = sqlitePath,
            ["Storage:Transcripts"] = transcripts ? "true" : "false",
        });
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        if (discard)
        {
            builder.Services.AddSingleton<ITranscriptStore>(new Discard());
        }

        var app = builder.Build();
        app.MapMarrowBot();
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Runs <paramref name="turns"/> turns spread over <paramref name="conversations"/> conversations at once, then
    /// waits for their transcripts to be stored; returns turns per second and the process's CPU time per turn.
    /// </summary>
    private static async Task<Round> RoundAsync(WebApplication host, string round, int conversations, int turns)
    {
        var adapter = host.Services.GetRequiredService<MarrowBotAdapter>();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => Task.Run(async () =>
        {
            var bot = host.Services.GetRequiredService<IBot>();
            var conversation = $"bench-{round}-{c}";
            for (var i = 0; i < turns / conversations; i++)
            {
                var replies = await adapter.ProcessLocallyAsync(Message(conversation, Messages[(i + c) % Messages.Length]), bot.OnTurnAsync, CancellationToken.None);
                if (replies.Count == 0)
                {
                    throw new InvalidOperationException("A turn had no reply.");
                }
            }
        })));
        if (!await host.Services.GetRequiredService<TranscriptWriter>().FlushAsync(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("The transcript writer did not keep up.");
        }

        var elapsed = watch.Elapsed;
        process.Refresh();
        return new Round(turns / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / turns);
    }

    private static Activity Message(string conversation, string text) => new(ActivityTypes.Message)
    {
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "emulator",
        ServiceUrl = "http://127.0.0.1:9",
        From = new ChannelAccount("user-" + conversation, role: RoleTypes.User),
        Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        Conversation = new ConversationAccount(id: conversation),
        Text = text,
        Timestamp = DateTimeOffset.UtcNow,
    };

    /// <summary>A transcript store that keeps nothing.</summary>
    /// <summary>A store that keeps nothing, to measure the transcript work done inside the turn alone.</summary>
    public sealed class Discard : ITranscriptBatchStore
    {
        public Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task LogActivityAsync(IActivity activity) => Task.CompletedTask;
        public Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) => throw new NotSupportedException();
        public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => throw new NotSupportedException();
        public Task DeleteTranscriptAsync(string channelId, string conversationId) => throw new NotSupportedException();
    }

    private sealed record Round(double TurnsPerSecond, double CpuPerTurn);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Describe(List<double> rates) => string.Join(", ", rates.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
}

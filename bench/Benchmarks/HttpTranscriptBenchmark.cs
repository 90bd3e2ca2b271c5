using System.Diagnostics;
using System.Text;
using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Throughput as a channel sees it: turns posted to POST /api/messages (deliveryMode expectReplies) on two real
/// hosts on loopback, transcript logging to SQLite off on one and on (with redaction) on the other, SQLite state in
/// both; four clients at once, in this process (their CPU is in the figures); rounds alternate between the hosts,
/// and a round with transcripts on ends when its transcripts are stored. Budget: logging costs at most 10 %.
/// Rounds are 2,000 turns (about 0.6 s): what is measured is sustained throughput, and every "on" round ends with
/// the writer storing its last batches alone on one core while the clients wait. The same code read 2-3 points
/// dearer in 400-turn rounds (ADR 0009); a round five times longer makes that tail five times smaller beside it.
/// </summary>
public static class HttpTranscriptBenchmark
{
    private const int TurnsPerRound = 2_000;
    private const int DefaultRounds = 41;
    private const int Clients = 4;

    private static readonly string[] Messages =
    [
        "what causes marrow failure?", "why am i so tierd all the time", "hello", "what dose of ciclosporin should i take",
        "is it genetic", "I have a fever of 38.5", "thanks so much", "my number is 07700 900123, can stem cells fix my marrow",
    ];

    public static async Task<string> RunAsync(bool discard = false, int rounds = DefaultRounds, string? journalFolder = null)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-http-bench-").FullName;
        try
        {
            await using var off = await StartAsync(Path.Combine(folder, "off.db"), transcripts: false);
            await using var on = await StartAsync(Path.Combine(folder, "on.db"), transcripts: true, discard, journalFolder);
            using var http = new HttpClient();
            await RoundAsync(http, off, "warm", 1_000);
            await RoundAsync(http, on, "warm", 1_000);

            var offRounds = new List<Round>();
            var onRounds = new List<Round>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which host goes first, so that drift on a shared machine falls on both.
                var first = round % 2 == 0;
                var a = await RoundAsync(http, first ? off : on, "r" + round, TurnsPerRound);
                var b = await RoundAsync(http, first ? on : off, "r" + round, TurnsPerRound);
                offRounds.Add(first ? a : b);
                onRounds.Add(first ? b : a);
            }

            var throughput = (Median(onRounds.Zip(offRounds, (x, y) => x.TurnsPerSecond / y.TurnsPerSecond)) - 1) * 100;
            var cpu = (Median(onRounds.Zip(offRounds, (x, y) => x.CpuPerTurn / y.CpuPerTurn)) - 1) * 100;
            return $"HTTP /api/messages, {Clients} clients, {rounds} paired rounds of {TurnsPerRound} turns, transcripts off vs on ({(discard ? "store discards: cost inside the turn only" : "SQLite, redacted")}{(journalFolder is null ? string.Empty : ", journal in " + journalFolder)}):\n" +
                $"  off: median {Median(offRounds.Select(r => r.TurnsPerSecond)):0} turns/s, {Median(offRounds.Select(r => r.CpuPerTurn)):0} us CPU per turn (client included)\n" +
                $"  on:  median {Median(onRounds.Select(r => r.TurnsPerSecond)):0} turns/s, {Median(onRounds.Select(r => r.CpuPerTurn)):0} us CPU per turn (client included)\n" +
                $"  logging changes throughput by {throughput:+0.0;-0.0} % (budget -10 %) and CPU per turn by {cpu:+0.0;-0.0} % (medians of paired rounds)\n" +
                $"  throughput change, quartiles of the paired rounds: {Quartiles(onRounds.Zip(offRounds, (x, y) => x.TurnsPerSecond / y.TurnsPerSecond))}; CPU per turn: {Quartiles(onRounds.Zip(offRounds, (x, y) => x.CpuPerTurn / y.CpuPerTurn))}";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One host under the same load for a while, to attach a profiler to (dotnet-trace collect -p PID).</summary>
    public static async Task<string> LoadAsync(bool transcripts, TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-http-load-").FullName;
        try
        {
            await using var host = await StartAsync(Path.Combine(folder, "load.db"), transcripts);
            using var http = new HttpClient();
            Console.WriteLine($"process {Environment.ProcessId}: load for {duration.TotalSeconds:0} s, transcripts {(transcripts ? "on" : "off")}");
            var rounds = new List<Round>();
            await RoundAsync(http, host, "warm", 1_000);
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                rounds.Add(await RoundAsync(http, host, "load" + rounds.Count, TurnsPerRound));
            }

            var turns = rounds.Count * TurnsPerRound;
            var writer = host.Services.GetService<TranscriptWriter>();
            var escalations = host.Services.GetService<MarrowBot.Bot.Transcripts.Journal.EscalationRecorder>();
            var journal = writer is null ? string.Empty : $"; stored {writer.Written}, spilled to the journal {writer.Spilled}, escalation marks {escalations?.Recorded}";
            return $"HTTP load, transcripts {(transcripts ? "on" : "off")}: median {Median(rounds.Select(r => r.TurnsPerSecond)):0} turns/s, {Median(rounds.Select(r => r.CpuPerTurn)):0} us CPU per turn over {rounds.Count} rounds; " +
                $"per 1000 turns: {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / 1024 / turns * 1000:0.0} MiB allocated, GCs {(GC.CollectionCount(0) - gen0) * 1000.0 / turns:0.0}/{(GC.CollectionCount(1) - gen1) * 1000.0 / turns:0.0}/{(GC.CollectionCount(2) - gen2) * 1000.0 / turns:0.00}, pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds * 1000 / turns:0.0} ms; " +
                $"JIT during the load: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods, {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms" + journal;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Posts <paramref name="turns"/> turns from <see cref="Clients"/> clients at once; with transcripts on, the round
    /// ends when its transcripts are stored, so the writer's work is inside it.
    /// </summary>
    private static async Task<Round> RoundAsync(HttpClient http, WebApplication host, string tag, int turns)
    {
        var url = host.Urls.First() + "/api/messages";
        var writer = host.Services.GetService<TranscriptWriter>();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < turns)
            {
                var activity = new JObject
                {
                    ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "bench", ["serviceUrl"] = "http://127.0.0.1:9",
                    ["from"] = new JObject { ["id"] = "user-" + client, ["role"] = "user" }, ["recipient"] = new JObject { ["id"] = "marrowbot" },
                    ["conversation"] = new JObject { ["id"] = $"{tag}-{client}-{i / 20}" }, ["text"] = Messages[i % Messages.Length], ["deliveryMode"] = "expectReplies",
                };
                using var response = await http.PostAsync(url, new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }
        }));
        if (writer is not null && !await writer.FlushAsync(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("The transcript writer did not keep up.");
        }

        var elapsed = watch.Elapsed;
        process.Refresh();
        return new Round(turns / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / turns);
    }

    private sealed record Round(double TurnsPerSecond, double CpuPerTurn);

    private static string Quartiles(IEnumerable<double> ratios)
    {
        var sorted = ratios.Select(r => (r - 1) * 100).Order().ToList();
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 4]:+0.0;-0.0} / {sorted[sorted.Count / 2]:+0.0;-0.0} / {sorted[sorted.Count * 3 / 4]:+0.0;-0.0} %");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<WebApplication> StartAsync(string sqlitePath, bool transcripts, bool discard = false, string? journalFolder = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["RateLimits:MessagesPerMinute"] = "1000000", // one loopback client drives all the load
            ["RateLimits:DirectLinePerMinute"] = "1000000",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Storage:SqlitePath"] = sqlitePath,
            ["Storage:Transcripts"] = transcripts ? "true" : "false",
        });
        if (journalFolder is not null)
        {
            // A journal on tmpfs (/dev/shm) makes the escalation marks' fsync free: what logging costs besides it.
            builder.Configuration["Storage:JournalPath"] = Path.Combine(journalFolder, Path.GetFileName(sqlitePath) + ".journal");
        }
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        if (discard)
        {
            builder.Services.AddSingleton<Microsoft.Bot.Builder.ITranscriptStore>(new TranscriptBenchmark.Discard());
        }

        var app = builder.Build();
        app.MapMarrowBot();
        await app.StartAsync();
        return app;
    }
}

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
/// both; four clients at once; rounds alternate between the hosts. Budget: logging costs at most 10 %.
/// </summary>
public static class HttpTranscriptBenchmark
{
    private const int TurnsPerRound = 800;
    private const int Rounds = 8;
    private const int Clients = 4;

    private static readonly string[] Messages =
    [
        "what causes marrow failure?", "why am i so tierd all the time", "hello", "what dose of ciclosporin should i take",
        "is it genetic", "I have a fever of 38.5", "thanks so much", "my number is 07700 900123, can stem cells fix my marrow",
    ];

    public static async Task<string> RunAsync(bool discard = false)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-http-bench-").FullName;
        try
        {
            await using var off = await StartAsync(Path.Combine(folder, "off.db"), transcripts: false);
            await using var on = await StartAsync(Path.Combine(folder, "on.db"), transcripts: true, discard);
            using var http = new HttpClient();
            var offUrl = off.Urls.First() + "/api/messages";
            var onUrl = on.Urls.First() + "/api/messages";
            await RoundAsync(http, offUrl, "warm", 1_000);
            await RoundAsync(http, onUrl, "warm", 1_000);

            var ratios = new List<double>();
            double offTotal = 0, onTotal = 0;
            for (var round = 0; round < Rounds; round++)
            {
                var first = round % 2 == 0;
                var a = await RoundAsync(http, first ? offUrl : onUrl, "r" + round, TurnsPerRound);
                var b = await RoundAsync(http, first ? onUrl : offUrl, "r" + round, TurnsPerRound);
                var (offRate, onRate) = first ? (a, b) : (b, a);
                await on.Services.GetRequiredService<TranscriptWriter>().FlushAsync(TimeSpan.FromSeconds(30));
                ratios.Add(onRate / offRate);
                offTotal += offRate;
                onTotal += onRate;
            }

            ratios.Sort();
            var median = ratios[ratios.Count / 2];
            return $"HTTP /api/messages, {Clients} clients, transcripts off vs on ({(discard ? "store discards: cost inside the turn only" : "SQLite, redacted")}): {offTotal / Rounds:0} vs {onTotal / Rounds:0} turns/s; median paired change {(median - 1) * 100:+0.0;-0.0} % (rounds {string.Join(", ", ratios.Select(r => ((r - 1) * 100).ToString("+0;-0")))} %)";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> RoundAsync(HttpClient http, string url, string tag, int turns)
    {
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
        return turns / watch.Elapsed.TotalSeconds;
    }

    private static async Task<WebApplication> StartAsync(string sqlitePath, bool transcripts, bool discard = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Storage:SqlitePath"] = sqlitePath,
            ["Storage:Transcripts"] = transcripts ? "true" : "false",
        });
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

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MarrowBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Resident memory after many turns (issue 10: under 400 MB after 10,000 turns with the model on): the real host on
/// Kestrel (loopback, SQLite state, transcripts on and redacted, MiniLM), turns posted to POST /api/messages with
/// expectReplies by 4 clients in this process, the blind held-out messages in turn, 20 turns per conversation.
/// The client shares the process, so its few megabytes are in the figures. Nothing is collected by force before
/// a reading: this is what the operating system sees.
/// </summary>
public static class MemoryBenchmark
{
    private const int Clients = 4;
    private const int WarmUp = 1_000;

    public static async Task<string> RunAsync(int turns)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-memory-bench-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["RateLimits:MessagesPerMinute"] = "1000000", // one loopback client drives all the load
                ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
                ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
                ["Storage:SqlitePath"] = Path.Combine(folder, "memory.db"),
                ["Embeddings:Provider"] = "Local",
            });
            builder.Logging.ClearProviders();
            builder.AddMarrowBot();
            await using var app = builder.Build();
            app.MapMarrowBot();
            await app.StartAsync();
            var url = app.Urls.First() + "/api/messages";
            var messages = Messages();
            using var http = new HttpClient();
            var lines = new List<string> { $"memory, real host on Kestrel, POST /api/messages, {Clients} clients, MiniLM on, transcripts on; {messages.Count} distinct messages in turn" };
            lines.Add("  ready:           " + Reading());
            await PostAsync(http, url, messages, "warm", WarmUp);
            lines.Add($"  after {WarmUp:N0} warm-up turns: " + Reading());
            var watch = Stopwatch.StartNew();
            await PostAsync(http, url, messages, "run", turns);
            lines.Add($"  after {turns:N0} more turns: " + Reading() + $" ({turns / watch.Elapsed.TotalSeconds:0} turns/s, load {TurnBenchmark.Load()})");
            await app.StopAsync();
            return string.Join("\n", lines);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task PostAsync(HttpClient http, string url, IReadOnlyList<string> messages, string tag, int turns)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < turns)
            {
                var activity = new JObject
                {
                    ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "bench", ["serviceUrl"] = "http://127.0.0.1:9",
                    ["from"] = new JObject { ["id"] = $"user-{tag}-{i / 20}", ["role"] = "user" }, ["recipient"] = new JObject { ["id"] = "marrowbot" },
                    ["conversation"] = new JObject { ["id"] = $"{tag}-{i / 20}" }, ["text"] = messages[i % messages.Count], ["deliveryMode"] = "expectReplies",
                };
                using var response = await http.PostAsync(url, new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    /// <summary>Resident set (VmRSS), its peak (VmHWM), the managed heap after the last collection, and the working set.</summary>
    private static string Reading()
    {
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
            ? $"{long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0:0} MB"
            : "n/a";
        var gc = GC.GetGCMemoryInfo();
        return $"RSS {Field("VmRSS")} (peak {Field("VmHWM")}), GC heap {gc.HeapSizeBytes / 1048576.0:0} MB ({GC.GetTotalMemory(false) / 1048576.0:0} MB in use), working set {Environment.WorkingSet / 1048576.0:0} MB";
    }

    private static List<string> Messages()
    {
        var folder = Path.Combine(Paths.Root, "tests", "Knowledge.Tests", "Evaluation");
        return new[] { "blind-questions.json", "blind-triage.json" }
            .SelectMany(file =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
                return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!).ToList();
            })
            .ToList();
    }
}

using System.Diagnostics;
using System.Text.Json;
using MarrowBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Benchmarks;

/// <summary>
/// One turn in process: the real bot (triage with its second opinion by meaning, handler, responder, classifier,
/// retrieval, the MiniLM encoder, state in SQLite) behind Bot Builder's TestAdapter, so HTTP and JSON are excluded.
/// The messages are the blind held-out sets (tests/Knowledge.Tests/Evaluation: questions, small talk and symptom
/// messages written as people type, some of them long-winded), each distinct, so nothing is faster for having been
/// seen a few turns before; then long messages of 500, 2,000 and 20,000 characters apart.
/// </summary>
public static class TurnBenchmark
{
    /// <summary>A message this long or longer counts as long-winded in the mix.</summary>
    private const int LongWinded = 200;

    /// <summary>A warm-up pass over the mix that compiles fewer methods than this ends the warm-up.</summary>
    private const int SettledMethods = 50;

    /// <summary>Most warm-up passes over the mix.</summary>
    private const int MaxWarmUpPasses = 5;

    /// <summary>The real bot's host (AddMarrowBot) on the built bot's content, the repository's data and model cache, state in <paramref name="store"/>.</summary>
    internal static WebApplicationBuilder HostBuilder(TemporaryStore store, bool embeddings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = store.Path,
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
            ["Embeddings:Provider"] = embeddings ? "Local" : "None",
        });
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        return builder;
    }

    public static async Task<string> RunAsync(bool embeddings = true)
    {
        using var store = new TemporaryStore();
        var builder = HostBuilder(store, embeddings);
        await using var app = builder.Build();
        var bot = app.Services.GetRequiredService<IBot>();
        var mix = Mix();
        var adapter = new TestAdapter(TestAdapter.CreateConversation("bench"));

        // Passes to warm up until tiered JIT has settled, then two timed. One pass was not enough: the first timed
        // pass then still compiled 380-1,000 methods (tier 1, with PGO) and the second about 60, on the same two cores
        // as the turns. A pass that compiles fewer than SettledMethods ends the warm-up (at most MaxWarmUpPasses).
        var warmUp = 0;
        for (var compiled = long.MaxValue; warmUp < MaxWarmUpPasses && compiled >= SettledMethods; warmUp++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var (_, text) in mix)
            {
                await Turn(adapter, bot, text);
            }

            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
        }

        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var times = new List<(string Kind, double Ms)>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (kind, text) in mix)
            {
                var watch = Stopwatch.StartNew();
                await Turn(adapter, bot, text);
                times.Add((kind, watch.Elapsed.TotalMilliseconds));
            }
        }

        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        var lines = new List<string>
        {
            $"turn in process (TestAdapter, real bot, embeddings {(embeddings ? "MiniLM" : "off")}), {mix.Count} distinct messages x 2: {Percentiles.Describe(times.Select(t => t.Ms).ToList())} (load {Load()})",
            $"  after {warmUp} warm-up passes; methods compiled during the timed passes: {jitted}; server GC {System.Runtime.GCSettings.IsServerGC}, GC latency {System.Runtime.GCSettings.LatencyMode}",
        };
        lines.AddRange(times.GroupBy(t => t.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"  {g.Key} ({g.Count() / 2}): {Percentiles.Describe(g.Select(t => t.Ms).ToList())}"));
        lines.AddRange(await LongAsync(adapter, bot, Parts()));
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Long messages of 500, 2,000 and 20,000 characters, a new one each turn: blind questions and the blind triage
    /// messages below urgent, in a random order, joined into one story (the encoder remembers the last few pieces it
    /// encoded, so a repeated message would cost nothing).
    /// </summary>
    private static async Task<List<string>> LongAsync(TestAdapter adapter, IBot bot, IReadOnlyList<string> parts)
    {
        var random = new Random(20);
        string Story(int length)
        {
            var text = new System.Text.StringBuilder();
            while (text.Length < length)
            {
                text.Append(parts[random.Next(parts.Count)].TrimEnd('.', ' ')).Append(". ");
            }

            return text.ToString(0, length);
        }

        var lines = new List<string>();
        foreach (var (length, turns) in new[] { (500, 200), (2_000, 200), (20_000, 100) })
        {
            for (var i = 0; i < 10; i++)
            {
                await Turn(adapter, bot, Story(length));
            }

            var times = new List<double>();
            for (var i = 0; i < turns; i++)
            {
                var text = Story(length);
                var watch = Stopwatch.StartNew();
                await Turn(adapter, bot, text);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            lines.Add($"  long, {length:N0} characters, a new message each turn: {Percentiles.Describe(times)} (load {Load()})");
        }

        return lines;
    }

    /// <summary>The blind questions and triage messages, labelled by kind: question, out of scope, small talk, symptom, long-winded.</summary>
    internal static List<(string Kind, string Text)> Mix()
    {
        var folder = Path.Combine(Paths.Root, "tests", "Knowledge.Tests", "Evaluation");
        var mix = new List<(string, string)>();
        foreach (var (file, kindOf) in new (string, Func<JsonElement, string>)[]
        {
            ("blind-questions.json", item => item.GetProperty("kind").GetString() switch
            {
                "answerable" => "question",
                "out-of-scope" => "question, out of scope",
                _ => "small talk, hand-off, bot",
            }),
            ("blind-triage.json", _ => "symptom"),
        })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
            {
                var text = item.GetProperty("text").GetString()!;
                mix.Add((text.Length >= LongWinded ? "long-winded (200+ characters)" : kindOf(item), text));
            }
        }

        // Interleaved, as people arrive: a fixed shuffle.
        var random = new Random(10);
        return [.. mix.OrderBy(_ => random.Next())];
    }

    /// <summary>What long messages are made of: the blind questions and the blind triage messages below urgent.</summary>
    private static List<string> Parts()
    {
        var folder = Path.Combine(Paths.Root, "tests", "Knowledge.Tests", "Evaluation");
        using var questions = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "blind-questions.json")));
        using var triage = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "blind-triage.json")));
        return questions.RootElement.GetProperty("items").EnumerateArray()
            .Concat(triage.RootElement.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("tier").GetString() is "none" or "routine"))
            .Select(i => i.GetProperty("text").GetString()!)
            .ToList();
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static async Task Turn(TestAdapter adapter, IBot bot, string text)
    {
        await adapter.ProcessActivityAsync((Microsoft.Bot.Schema.Activity)MessageFactory.Text(text), bot.OnTurnAsync, CancellationToken.None);
        while (adapter.ActiveQueue.Count > 0)
        {
            adapter.ActiveQueue.Dequeue();
        }
    }
}

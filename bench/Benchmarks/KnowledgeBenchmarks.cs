using System.Diagnostics;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;

namespace MarrowBot.Benchmarks;

public static class KnowledgeBenchmarks
{
    /// <summary>Wall time to train the intent classifier on data/faq.json and data/smalltalk.json (content load excluded).</summary>
    public static string Training()
    {
        var knowledge = KnowledgeLoader.Load(Path.Combine(Paths.Root, "data"));
        var examples = TrainingExample.From(knowledge);
        MlNetIntentClassifier.Train(examples); // warm-up: JIT and ML.NET's one-time costs
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            MlNetIntentClassifier.Train(examples);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return $"classifier training ({examples.Count} phrasings): {Percentiles.Describe(times)}";
    }
}

using System.Diagnostics;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Benchmarks;

public static class KnowledgeBenchmarks
{
    /// <summary>
    /// Wall time to train the intent classifier on data/faq.json, guidance and data/smalltalk.json (content load
    /// excluded): on words alone (Embeddings:Provider None) and on words and the phrasings' MiniLM vectors (the
    /// default; the vectors read from the cache beside the model, or encoded once before timing).
    /// </summary>
    public static string Training()
    {
        var knowledge = KnowledgeLoader.Load(Path.Combine(Paths.Root, "data"));
        var examples = TrainingExample.From(knowledge);
        var words = Time(() => MlNetIntentClassifier.Train(examples));

        using var generator = LocalEncoders.Create(new EmbeddingOptions());
        var meaning = new MeaningIndex(knowledge, generator, Path.Combine(Paths.Root, ".cache", "models")).ForClassifier(examples);
        var vectors = meaning.TrainingVectors();
        var withVectors = Time(() => MlNetIntentClassifier.Train(examples, vectors, meaning.Embed));

        return $"classifier training ({examples.Count} phrasings), words alone: {Percentiles.Describe(words)}; words and {meaning.ModelId} vectors: {Percentiles.Describe(withVectors)}";
    }

    private static List<double> Time(Action train)
    {
        train(); // warm-up: JIT and ML.NET's one-time costs
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            train();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }
}

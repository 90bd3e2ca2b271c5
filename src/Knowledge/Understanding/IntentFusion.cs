using MarrowBot.Knowledge.Intents;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// The bot's understanding of what a message asks: the ML.NET classifier's probabilities (words) pooled with the
/// nearest phrasings by meaning (a softmax over each intent's mean similarity of its <see cref="FusionSettings.Neighbours"/> nearest phrasings at temperature
/// <see cref="FusionSettings.Temperature"/>), weighted <see cref="FusionSettings.ClassifierWeight"/> to the
/// classifier. A linear pool of two distributions stays a distribution, so the fused top probability is a
/// confidence the answer and clarify thresholds can use. The same code serves the bot and the NLU benchmark
/// (bench/Benchmarks nlu); weights and temperature were chosen on the blind development split only (ADR 0017, ADR 0024).
/// </summary>
public sealed class IntentFusion(IIntentClassifier classifier, ExemplarIndex? exemplars, FusionSettings settings)
{
    public FusionSettings Settings => settings;

    /// <summary>Whether meaning takes part (false when embeddings are off: the classifier alone).</summary>
    public bool UsesMeaning => exemplars is not null;

    /// <summary>
    /// The fused ranking; <paramref name="vector"/> is the message's embedding (empty: the classifier alone). The
    /// classifier is handed the same vector, so a classifier that reads meaning does not encode the message again.
    /// </summary>
    public FusedPrediction Predict(string text, ReadOnlyMemory<float> vector)
    {
        var words = vector.IsEmpty ? classifier.Predict(text) : classifier.Predict(text, vector);
        if (exemplars is null || vector.IsEmpty)
        {
            return new FusedPrediction(words, words, []);
        }

        // The evidence stays each intent's nearest phrasing (the responder's similarity floors read it); the pool may
        // average more of an intent's phrasings, which steadies the meaning vote (ADR 0024).
        var nearest = exemplars.Nearest(vector.Span);
        var meaning = Softmax(settings.Neighbours == 1 ? nearest : exemplars.Nearest(vector.Span, settings.Neighbours), settings.Temperature);
        var pooled = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var score in words.Ranked)
        {
            pooled[score.Intent] = (float)settings.ClassifierWeight * score.Probability;
        }

        foreach (var (intent, probability) in meaning)
        {
            pooled[intent] = pooled.GetValueOrDefault(intent) + ((float)(1 - settings.ClassifierWeight) * probability);
        }

        var ranked = pooled.Select(kv => new IntentScore(kv.Key, kv.Value)).OrderByDescending(s => s.Probability).ThenBy(s => s.Intent, StringComparer.Ordinal).ToList();
        return new FusedPrediction(new IntentPrediction(ranked), words, nearest);
    }

    private static IEnumerable<(string Intent, float Probability)> Softmax(IReadOnlyList<ExemplarMatch> nearest, double temperature)
    {
        if (nearest.Count == 0)
        {
            yield break;
        }

        var max = nearest[0].Score;
        var weights = nearest.Select(m => Math.Exp((m.Score - max) / temperature)).ToList();
        var sum = weights.Sum();
        for (var i = 0; i < nearest.Count; i++)
        {
            yield return (nearest[i].Intent, (float)(weights[i] / sum));
        }
    }
}

/// <summary>How the classifier and meaning are pooled.</summary>
/// <param name="Neighbours">How many of an intent's nearest phrasings its meaning score averages (1: the nearest alone).</param>
public sealed record FusionSettings(double ClassifierWeight, double Temperature, int Neighbours = 1)
{
    /// <summary>
    /// Chosen on the blind development split (ADR 0017), checked again there in ADR 0021 and ADR 0024: the settings
    /// that cross-validation on training sentences prefers (a heavier classifier, meaning over several phrasings)
    /// place more paraphrases right but make the bot's answers to the dev questions worse, so they are not the default.
    /// </summary>
    public static FusionSettings Default { get; } = new(0.3, 0.05);
}

/// <summary>The fused ranking, and the two opinions it came from (for evidence and for the benchmark).</summary>
public sealed record FusedPrediction(IntentPrediction Fused, IntentPrediction Words, IReadOnlyList<ExemplarMatch> Meaning);

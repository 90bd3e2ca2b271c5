using System.ComponentModel.DataAnnotations;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// When the bot answers, asks which topic was meant, or declines. Defaults were chosen by cross-validation on the
/// training phrasings only (docs/decisions/0003-answer-thresholds.md), never on the held-out set.
/// </summary>
public sealed class ResponderOptions
{
    public const string SectionName = "Answering";

    /// <summary>Top intent probability at or above which the bot answers that intent directly.</summary>
    [Range(0.05, 1.0)]
    public double AnswerThreshold { get; set; } = 0.45;

    /// <summary>Below the answer threshold, the two top FAQ intents together must reach this for a clarifying question.</summary>
    [Range(0.05, 1.0)]
    public double ClarifyThreshold { get; set; } = 0.30;

    /// <summary>BM25 score a passage needs before retrieval answers on its own.</summary>
    [Range(0.1, 100.0)]
    public double RetrievalMinScore { get; set; } = 4.0;

    /// <summary>Distinct content words of the question the passage must contain.</summary>
    [Range(1, 10)]
    public int RetrievalMinMatchedTerms { get; set; } = 2;

    /// <summary>
    /// Longest message answered as it stands. Triage always reads the whole message, however long; above this the
    /// reply says the message is long and answers from its first part, or asks for the question in a sentence or
    /// two (docs/decisions/0012-text-folding-and-bounded-input.md).
    /// </summary>
    [Range(200, 1_000_000)]
    public int MaxMessageChars { get; set; } = 2000;

    // With embeddings on (Embeddings:Provider Local), answers are chosen from the classifier pooled with meaning
    // (Understanding/IntentFusion) and these apply instead of the two thresholds above. Chosen on the blind
    // development split only (docs/decisions/0017-local-sentence-embeddings.md).

    /// <summary>The classifier's share of the pooled confidence (the rest is meaning); <see cref="FusionSettings.Default"/>.</summary>
    [Range(0.0, 1.0)]
    public double ClassifierWeight { get; set; } = FusionSettings.Default.ClassifierWeight;

    /// <summary>Softmax temperature over each intent's best cosine similarity; <see cref="FusionSettings.Default"/>.</summary>
    [Range(0.005, 1.0)]
    public double MeaningTemperature { get; set; } = FusionSettings.Default.Temperature;

    /// <summary>How many of an intent's nearest phrasings its meaning score averages in the pool; <see cref="FusionSettings.Default"/> (ADR 0024).</summary>
    [Range(1, 20)]
    public int MeaningNeighbours { get; set; } = FusionSettings.Default.Neighbours;

    /// <summary>Pooled probability at or above which the bot answers directly.</summary>
    [Range(0.05, 1.0)]
    public double FusedAnswerThreshold { get; set; } = 0.45;

    /// <summary>Below it, the top FAQ entries together must reach this for a clarifying question.</summary>
    [Range(0.05, 1.0)]
    public double FusedClarifyThreshold { get; set; } = 0.20;

    /// <summary>Below this cosine similarity to every phrasing of every intent, nothing curated fits: decline.</summary>
    [Range(0.0, 1.0)]
    public double MeaningFloor { get; set; } = 0.30;

    /// <summary>A question naming a topic the article never covers is declined unless an FAQ phrasing is at least this close.</summary>
    [Range(0.0, 1.0)]
    public double UncoveredTopicSimilarity { get; set; } = 0.75;

    /// <summary>A polar question keeps a yes/no opener only when its nearest phrasing of the entry is this similar.</summary>
    [Range(0.0, 1.0)]
    public double PolarWrittenForSimilarity { get; set; } = 0.85;

    /// <summary>The same without embeddings: the classifier's probability.</summary>
    [Range(0.0, 1.0)]
    public double PolarWrittenForProbability { get; set; } = 0.8;

    /// <summary>A passage retrieved by words must also be this close in meaning (and among the three closest).</summary>
    [Range(0.0, 1.0)]
    public double RetrievalMinSimilarity { get; set; } = 0.45;
}

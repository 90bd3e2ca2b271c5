using System.ComponentModel.DataAnnotations;

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
}

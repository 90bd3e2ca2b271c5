using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// One thing that fired for a reply, named by its identifier in the curated data, never by the person's words:
/// <see cref="Source"/> says what kind of thing (<see cref="TriageRule"/>, <see cref="TriageMeaning"/>,
/// <see cref="Classifier"/>, <see cref="Meaning"/>, <see cref="Combiner"/>) and <see cref="Id"/> which one.
/// </summary>
/// <param name="Source">What kind of thing fired.</param>
/// <param name="Id">
/// A triage rule, combination or vital sign id of data/triage-rules.json ("temperature-reading" for a reading over
/// the threshold); "meaning:" and a red flag id of data/triage-exemplars.json; an intent id; or the combiner's model.
/// </param>
public sealed record ReplyEvidence(string Source, string Id)
{
    /// <summary>A rule of the triage lexicon (a phrase, a reading, a vital sign, a combination).</summary>
    public const string TriageRule = "triage-rule";

    /// <summary>A red flag of the second opinion by meaning.</summary>
    public const string TriageMeaning = "triage-meaning";

    /// <summary>The intent the ML.NET classifier ranked first, and its probability.</summary>
    public const string Classifier = "classifier";

    /// <summary>The intent whose curated phrasing is nearest in meaning, and the cosine similarity.</summary>
    public const string Meaning = "meaning";

    /// <summary>One of the calibrated combiner's two models ("out-of-scope", "top-is-right"), and its chance.</summary>
    public const string Combiner = "combiner";

    /// <summary>The triage category the rule or red flag belongs to.</summary>
    public string? Category { get; init; }

    /// <summary>The tier the finding reached.</summary>
    public TriageTier? Tier { get; init; }

    /// <summary>
    /// For a red flag by meaning, the curated phrasing matched: the red flag id and the phrasing's number in it
    /// ("chest-pain#3", data/triage-exemplars.json), not its words.
    /// </summary>
    public string? Exemplar { get; init; }

    /// <summary>The similarity, probability or chance that made it fire.</summary>
    public float? Score { get; init; }

    /// <summary>The reply's evidence from triage's findings: rule ids, categories, tiers and red flags, no spans or words.</summary>
    public static IReadOnlyList<ReplyEvidence> From(TriageResult triage) =>
        triage.Evidence.Select(f => f.Rule.StartsWith(MeaningTriageEngine.RulePrefix, StringComparison.Ordinal)
                ? new ReplyEvidence(TriageMeaning, f.Rule) { Category = f.Category, Tier = f.Tier, Exemplar = f.ExemplarId, Score = f.Similarity }
                : new ReplyEvidence(TriageRule, f.Rule) { Category = f.Category, Tier = f.Tier })
            .Distinct()
            .ToList();
}

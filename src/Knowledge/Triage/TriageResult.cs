namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// What triage found in one message: the tier (the highest found), every category that fired, and where in the
/// text the evidence is (character offsets, so the text itself never has to be copied into logs or results).
/// </summary>
public sealed record TriageResult(TriageTier Tier, IReadOnlyList<string> Categories, IReadOnlyList<TriageEvidence> Evidence)
{
    public static TriageResult None { get; } = new(TriageTier.None, [], []);

    /// <summary>The engine itself failed; the reply must still carry the emergency line.</summary>
    public bool EngineFailed { get; init; }

    /// <summary>The message is vague but worrying: ask the questions that decide the tier.</summary>
    public bool NeedsFollowUp { get; init; }

    public bool IsUrgentOrWorse => Tier >= TriageTier.Urgent;

    /// <summary>
    /// Estimated word pieces the second opinion by meaning gave the encoder for this message (0 for the rules
    /// alone): answer selection has the rest of the turn's budget (<see cref="Embeddings.TurnBudget"/>).
    /// </summary>
    public int EncodedTokens { get; init; }
}

/// <summary>
/// One finding: the rule that fired, its category and tier, and the span of the original text it matched. A finding
/// of the second opinion by meaning (<see cref="MeaningTriageEngine"/>) names its red flag as the rule
/// ("meaning:" and the red flag's id), the curated phrasing it matched and how closely.
/// </summary>
public sealed record TriageEvidence(string Rule, string Category, TriageTier Tier, int Start, int Length)
{
    /// <summary>The curated exemplar phrasing matched (data/triage-exemplars.json), for a finding by meaning; never the patient's words.</summary>
    public string? Exemplar { get; init; }

    /// <summary>Which curated phrasing <see cref="Exemplar"/> is: its red flag id and number ("chest-pain#3"), for reports that must not carry words.</summary>
    public string? ExemplarId { get; init; }

    /// <summary>The cosine similarity of the clause with <see cref="Exemplar"/>.</summary>
    public float? Similarity { get; init; }
}

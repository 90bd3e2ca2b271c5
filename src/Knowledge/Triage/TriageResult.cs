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
}

/// <summary>One finding: the rule that fired, its category and tier, and the span of the original text it matched.</summary>
public sealed record TriageEvidence(string Rule, string Category, TriageTier Tier, int Start, int Length);

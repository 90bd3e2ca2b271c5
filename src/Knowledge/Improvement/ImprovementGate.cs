namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// Whether a retrained candidate may replace the snapshot the bot answers from (ADR 0029): only when it is at least
/// as good on every figure, and fails no regression case that the current one passes. A case both fail is reported
/// as still open (fixing triage is a developer's change, tested by the committed regression file), not held against
/// the candidate, so one open case does not freeze every phrasing an editor adds.
/// </summary>
public static class ImprovementGate
{
    /// <summary>Figures are compared at this precision, so a rounding difference is not a drop.</summary>
    private const double Tolerance = 1e-9;

    public static GateDecision Decide(KnowledgeFigures current, KnowledgeFigures candidate)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        var drops = new List<string>();
        Compare(drops, "answered right or offered", current.AnswerRightOrOffered, candidate.AnswerRightOrOffered);
        Compare(drops, "out of scope declined", current.OutOfScopeDeclined, candidate.OutOfScopeDeclined);
        Compare(drops, "emergency recall", current.EmergencyRecall, candidate.EmergencyRecall);
        Compare(drops, "urgent-or-worse recall", current.UrgentOrWorseRecall, candidate.UrgentOrWorseRecall);
        var newlyFailed = candidate.FailedRegressions.Except(current.FailedRegressions, StringComparer.Ordinal).ToList();
        if (newlyFailed.Count > 0)
        {
            drops.Add($"regression cases now failing: {string.Join(", ", newlyFailed)}");
        }

        if (drops.Count > 0)
        {
            return new GateDecision(false, "Kept the current model: " + string.Join("; ", drops) + ".");
        }

        var open = candidate.FailedRegressions.Count == 0 ? string.Empty : $" Regression cases still failing on both: {string.Join(", ", candidate.FailedRegressions)}.";
        return new GateDecision(true, "At least as good on every figure." + open);
    }

    private static void Compare(List<string> drops, string name, double current, double candidate)
    {
        if (candidate < current - Tolerance)
        {
            drops.Add(FormattableString.Invariant($"{name} fell from {current:P1} to {candidate:P1}"));
        }
    }
}

public sealed record GateDecision(bool Accepted, string Reason);

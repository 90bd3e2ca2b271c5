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

    /// <param name="answerSlack">
    /// "Knowledge:GateAnswerSlack": how many held-out questions each answering figure (answered right or offered,
    /// out of scope declined) may lose; 0, the default, is the strict rule. Triage figures and regression cases never
    /// have slack. ADR 0029 records why the setting exists: measured, one added phrasing moves a question or two
    /// either way, so the strict rule keeps almost every change out.
    /// </param>
    public static GateDecision Decide(KnowledgeFigures current, KnowledgeFigures candidate, int answerSlack = 0)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(answerSlack);
        var drops = new List<string>();
        Compare(drops, "answered right or offered", current.AnswerRightOrOffered, candidate.AnswerRightOrOffered, Slack(answerSlack, candidate.Answerable));
        Compare(drops, "out of scope declined", current.OutOfScopeDeclined, candidate.OutOfScopeDeclined, Slack(answerSlack, candidate.OutOfScope));
        Compare(drops, "emergency recall", current.EmergencyRecall, candidate.EmergencyRecall, 0);
        Compare(drops, "urgent-or-worse recall", current.UrgentOrWorseRecall, candidate.UrgentOrWorseRecall, 0);
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
        var within = answerSlack > 0 && (candidate.AnswerRightOrOffered < current.AnswerRightOrOffered - Tolerance || candidate.OutOfScopeDeclined < current.OutOfScopeDeclined - Tolerance)
            ? FormattableString.Invariant($"Within the allowed slack of {answerSlack} question(s) on the answering figures; at least as good on triage.")
            : "At least as good on every figure.";
        return new GateDecision(true, within + open);
    }

    private static double Slack(int items, int of) => of == 0 ? 0 : items / (double)of;

    private static void Compare(List<string> drops, string name, double current, double candidate, double slack)
    {
        if (candidate < current - slack - Tolerance)
        {
            drops.Add(FormattableString.Invariant($"{name} fell from {current:P1} to {candidate:P1}"));
        }
    }
}

public sealed record GateDecision(bool Accepted, string Reason);

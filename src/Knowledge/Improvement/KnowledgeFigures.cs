namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// How a snapshot scores on the development held-out sets (ADR 0029): the share of answerable questions answered
/// from a right section or offered in a clarifying question, the share of out-of-scope questions declined, triage's
/// recall of emergencies and of urgent-or-worse messages, and which triage regression cases it fails.
/// </summary>
public sealed record KnowledgeFigures(
    double AnswerRightOrOffered,
    int Answerable,
    double OutOfScopeDeclined,
    int OutOfScope,
    double EmergencyRecall,
    int Emergencies,
    double UrgentOrWorseRecall,
    int UrgentOrWorse,
    int RegressionCases,
    IReadOnlyList<string> FailedRegressions);

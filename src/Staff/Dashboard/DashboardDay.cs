namespace MarrowBot.Staff.Dashboard;

/// <summary>
/// One day of the dashboard: the conversations whose last activity fell on it (split by their highest triage tier,
/// and the feedback they got), and the bot's replies sent on it by kind.
/// </summary>
public sealed record DashboardDay(
    DateOnly Day,
    int Conversations,
    int Answers,
    int Clarifications,
    int Declines,
    int TierNone,
    int TierRoutine,
    int TierUrgent,
    int TierEmergency,
    int PositiveFeedback,
    int NegativeFeedback);

namespace MarrowBot.Staff.Dashboard;

/// <summary>The dashboard's figures for a range: one row per day (every day of the range, empty ones too) and the most-asked declined questions.</summary>
public sealed record StaffDashboard(DashboardQuery Query, IReadOnlyList<DashboardDay> Days, IReadOnlyList<UnansweredQuestion> Unanswered)
{
    /// <summary>How many declined questions the dashboard lists.</summary>
    public const int TopUnanswered = 10;

    public int Conversations => Days.Sum(d => d.Conversations);

    public int Answers => Days.Sum(d => d.Answers);

    public int Clarifications => Days.Sum(d => d.Clarifications);

    public int Declines => Days.Sum(d => d.Declines);

    public int PositiveFeedback => Days.Sum(d => d.PositiveFeedback);

    public int NegativeFeedback => Days.Sum(d => d.NegativeFeedback);

    /// <summary>Positive reactions among all positive and negative ones, or null with none.</summary>
    public double? PositiveRatio => PositiveFeedback + NegativeFeedback == 0 ? null : (double)PositiveFeedback / (PositiveFeedback + NegativeFeedback);
}

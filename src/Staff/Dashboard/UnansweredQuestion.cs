namespace MarrowBot.Staff.Dashboard;

/// <summary>A question the bot declined, as stored (redacted) and normalised (<see cref="DashboardTally.Normalize"/>), and how often it was asked.</summary>
public sealed record UnansweredQuestion(string Text, int Count);

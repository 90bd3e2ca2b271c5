namespace MarrowBot.Staff.Dashboard;

/// <summary>
/// The staff dashboard's aggregates over the stored (redacted) transcripts; the bot's store implements it for the
/// configured provider (ADR 0030).
/// </summary>
public interface IStaffDashboard
{
    /// <summary>The figures for <paramref name="query"/>'s days.</summary>
    Task<StaffDashboard> GetAsync(DashboardQuery query, CancellationToken cancellationToken);
}

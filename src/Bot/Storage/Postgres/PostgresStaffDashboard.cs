using MarrowBot.Staff.Dashboard;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>The staff dashboard's figures in the PostgreSQL store (<see cref="StaffDashboardTables"/>).</summary>
public sealed class PostgresStaffDashboard(PostgresDatabase database) : IStaffDashboard
{
    /// <inheritdoc/>
    public Task<StaffDashboard> GetAsync(DashboardQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffDashboardTables.GetAsync(connection, SqlDialect.Postgres, query, ct), cancellationToken);
}

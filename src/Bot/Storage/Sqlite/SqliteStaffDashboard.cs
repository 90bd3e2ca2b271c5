using MarrowBot.Staff.Dashboard;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>The staff dashboard's figures in the SQLite store (<see cref="StaffDashboardTables"/>).</summary>
public sealed class SqliteStaffDashboard(SqliteDatabase database) : IStaffDashboard
{
    /// <inheritdoc/>
    public Task<StaffDashboard> GetAsync(DashboardQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffDashboardTables.GetAsync(connection, SqlDialect.Sqlite, query, ct), cancellationToken);
}

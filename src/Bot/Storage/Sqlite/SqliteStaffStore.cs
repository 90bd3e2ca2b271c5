using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>The staff console's accounts and audit log in the SQLite file, beside the transcripts (<see cref="StaffTables"/>).</summary>
public sealed class SqliteStaffStore(SqliteDatabase database) : IStaffAccountStore, IStaffAuditLog
{
    /// <inheritdoc/>
    public Task<StaffAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.FindAsync(connection, null, SqlDialect.Sqlite, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.ListAsync(connection, SqlDialect.Sqlite, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.AddAsync(connection, transaction, SqlDialect.Sqlite, account, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RemoveAsync(connection, transaction, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> SetPasswordAsync(string name, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.SetPasswordAsync(connection, transaction, SqlDialect.Sqlite, name, passwordHash, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<StaffAccount?> RecordFailedSignInAsync(string name, int maxFailures, DateTimeOffset lockedUntil, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordFailedSignInAsync(connection, transaction, SqlDialect.Sqlite, name, maxFailures, lockedUntil, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task RecordSignInAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordSignInAsync(connection, transaction, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task RecordAsync(StaffAuditEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordAuditAsync(connection, transaction, SqlDialect.Sqlite, entry, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StaffAuditEntry>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.ListAuditAsync(connection, SqlDialect.Sqlite, limit, before, ct), cancellationToken);
}

using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>The staff console's accounts and audit log in the PostgreSQL store, beside the transcripts (<see cref="StaffTables"/>).</summary>
public sealed class PostgresStaffStore(PostgresDatabase database) : IStaffAccountStore, IStaffAuditLog
{
    /// <inheritdoc/>
    public Task<StaffAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.FindAsync(connection, null, SqlDialect.Postgres, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.ListAsync(connection, SqlDialect.Postgres, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.AddAsync(connection, transaction, SqlDialect.Postgres, account, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RemoveAsync(connection, transaction, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> SetPasswordAsync(string name, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.SetPasswordAsync(connection, transaction, SqlDialect.Postgres, name, passwordHash, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<StaffAccount?> RecordFailedSignInAsync(string name, int maxFailures, DateTimeOffset lockedUntil, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordFailedSignInAsync(connection, transaction, SqlDialect.Postgres, name, maxFailures, lockedUntil, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task RecordSignInAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordSignInAsync(connection, transaction, name, ct), cancellationToken);

    /// <inheritdoc/>
    public Task RecordAsync(StaffAuditEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffTables.RecordAuditAsync(connection, transaction, SqlDialect.Postgres, entry, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StaffAuditEntry>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffTables.ListAuditAsync(connection, SqlDialect.Postgres, limit, before, ct), cancellationToken);
}

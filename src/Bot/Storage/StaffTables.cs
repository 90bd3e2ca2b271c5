using System.Data.Common;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the staff console's tables (staff_accounts, staff_audit; migration 0003), shared by the SQLite and
/// PostgreSQL stores. Accounts are found by name_key, the name in lower case.
/// </summary>
public static class StaffTables
{
    private const string AccountColumns = "name, role, password_hash, failed_count, locked_until, created_at, updated_at";

    public static async Task<StaffAccount?> FindAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string name, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, $"SELECT {AccountColumns} FROM staff_accounts WHERE name_key = @key");
        DbCommands.AddParameter(command, "key", StaffNames.Key(name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadAccount(reader, dialect) : null;
    }

    public static async Task<IReadOnlyList<StaffAccount>> ListAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, $"SELECT {AccountColumns} FROM staff_accounts ORDER BY name_key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<StaffAccount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(ReadAccount(reader, dialect));
        }

        return accounts;
    }

    public static async Task<bool> AddAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, StaffAccount account, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection,
            transaction,
            "INSERT INTO staff_accounts (name_key, name, role, password_hash, failed_count, locked_until, created_at, updated_at) " +
            "VALUES (@key, @name, @role, @hash, 0, NULL, @created, @updated) ON CONFLICT (name_key) DO NOTHING");
        DbCommands.AddParameter(command, "key", StaffNames.Key(account.Name));
        DbCommands.AddParameter(command, "name", account.Name);
        DbCommands.AddParameter(command, "role", account.Role);
        DbCommands.AddParameter(command, "hash", account.PasswordHash);
        DbCommands.AddParameter(command, "created", dialect.ToDatabase(account.CreatedAt));
        DbCommands.AddParameter(command, "updated", dialect.ToDatabase(account.UpdatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> RemoveAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, "DELETE FROM staff_accounts WHERE name_key = @key");
        DbCommands.AddParameter(command, "key", StaffNames.Key(name));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> SetPasswordAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string name, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection, transaction, "UPDATE staff_accounts SET password_hash = @hash, failed_count = 0, locked_until = NULL, updated_at = @at WHERE name_key = @key");
        DbCommands.AddParameter(command, "key", StaffNames.Key(name));
        DbCommands.AddParameter(command, "hash", passwordHash);
        DbCommands.AddParameter(command, "at", dialect.ToDatabase(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<StaffAccount?> RecordFailedSignInAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string name, int maxFailures, DateTimeOffset lockedUntil, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // One statement, so that failures counted by two requests (or two instances) at once are both counted:
        // every right-hand side reads the row as it was.
        await using (var command = DbCommands.Create(
            connection,
            transaction,
            "UPDATE staff_accounts SET " +
            "failed_count = CASE WHEN failed_count + 1 >= @max THEN 0 ELSE failed_count + 1 END, " +
            "locked_until = CASE WHEN failed_count + 1 >= @max THEN @until ELSE locked_until END, " +
            "updated_at = @at WHERE name_key = @key"))
        {
            DbCommands.AddParameter(command, "key", StaffNames.Key(name));
            DbCommands.AddParameter(command, "max", maxFailures);
            DbCommands.AddParameter(command, "until", dialect.ToDatabase(lockedUntil));
            DbCommands.AddParameter(command, "at", dialect.ToDatabase(at));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        return await FindAsync(connection, transaction, dialect, name, cancellationToken);
    }

    public static async Task<int> RecordSignInAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection, transaction, "UPDATE staff_accounts SET failed_count = 0, locked_until = NULL WHERE name_key = @key AND (failed_count <> 0 OR locked_until IS NOT NULL)");
        DbCommands.AddParameter(command, "key", StaffNames.Key(name));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> RecordAuditAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, StaffAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection, transaction, "INSERT INTO staff_audit (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail)");
        DbCommands.AddParameter(command, "at", dialect.ToDatabase(entry.At));
        DbCommands.AddParameter(command, "actor", entry.Actor);
        DbCommands.AddParameter(command, "action", entry.Action);
        DbCommands.AddParameter(command, "target", entry.Target);
        DbCommands.AddParameter(command, "detail", entry.Detail);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<StaffAuditEntry>> ListAuditAsync(DbConnection connection, SqlDialect dialect, int limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // The condition is left out rather than given a null parameter: PostgreSQL cannot type an untyped null.
        await using var command = DbCommands.Create(
            connection,
            null,
            "SELECT at, actor, action, target, detail FROM staff_audit" + (before is null ? string.Empty : " WHERE at < @before") + " ORDER BY at DESC, seq DESC LIMIT @limit");
        if (before is { } until)
        {
            DbCommands.AddParameter(command, "before", dialect.ToDatabase(until));
        }

        DbCommands.AddParameter(command, "limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StaffAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StaffAuditEntry(
                dialect.ReadTime(reader, 0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return entries;
    }

    private static StaffAccount ReadAccount(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.IsDBNull(4) ? null : dialect.ReadTime(reader, 4),
        dialect.ReadTime(reader, 5),
        dialect.ReadTime(reader, 6));
}

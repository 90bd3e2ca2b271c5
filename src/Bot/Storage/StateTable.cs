using System.Data.Common;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the state table, the same for SQLite and PostgreSQL. A checked write succeeds only if the row still
/// holds the ETag it was read with (a conditional UPDATE), or if no row exists yet (an INSERT that does nothing on
/// conflict); anything else is an <see cref="ETagConflictException"/> and the whole write is rolled back.
/// </summary>
public static class StateTable
{
    private const string Upsert =
        "INSERT INTO state (key, value, etag, updated_at) VALUES (@key, @value, @etag, @updated_at) " +
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at";

    private const string InsertIfAbsent =
        "INSERT INTO state (key, value, etag, updated_at) VALUES (@key, @value, @etag, @updated_at) ON CONFLICT (key) DO NOTHING";

    private const string UpdateIfUnchanged =
        "UPDATE state SET value = @value, etag = @etag, updated_at = @updated_at WHERE key = @key AND etag = @expected";

    /// <summary>One value to write: its JSON, the ETag it will get, and the ETag it expects (when checked).</summary>
    public sealed record Change(string Key, object? Value, string? Json, string NewETag, bool Checked, string? ExpectedETag);

    /// <summary>Serialises <paramref name="changes"/> before any connection is opened, so a value that cannot be stored fails without touching the store.</summary>
    public static IReadOnlyList<Change> Prepare(IDictionary<string, object> changes) =>
        changes.Select(change =>
        {
            ArgumentException.ThrowIfNullOrEmpty(change.Key, nameof(changes));
            if (change.Value is null)
            {
                return new Change(change.Key, null, null, string.Empty, false, null);
            }

            var isChecked = StateSerializer.TryGetExpectedETag(change.Value, out var expected);
            return new Change(change.Key, change.Value, StateSerializer.Serialize(change.Value), StateSerializer.NewETag(), isChecked, expected);
        }).ToList();

    public static async Task<List<(string Key, string Value, string ETag)>> ReadAsync(DbConnection connection, string[] keys, CancellationToken cancellationToken)
    {
        var names = keys.Select((_, i) => "@k" + i).ToArray();
        await using var command = DbCommands.Create(connection, null, $"SELECT key, value, etag FROM state WHERE key IN ({string.Join(", ", names)})");
        for (var i = 0; i < keys.Length; i++)
        {
            DbCommands.AddParameter(command, "k" + i, keys[i]);
        }

        var rows = new List<(string, string, string)>(keys.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>Writes every change in <paramref name="transaction"/>, or throws <see cref="ETagConflictException"/> at the first stale one.</summary>
    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Change> changes, object updatedAt, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change.Json is null)
            {
                await DeleteAsync(connection, transaction, [change.Key], cancellationToken);
                continue;
            }

            if (!change.Checked || change.ExpectedETag == "*")
            {
                await ExecuteAsync(connection, transaction, Upsert, change, updatedAt, cancellationToken);
                continue;
            }

            var written = change.ExpectedETag is not null && await ExecuteAsync(connection, transaction, UpdateIfUnchanged, change, updatedAt, cancellationToken) == 1;

            // No row with that ETag: either there is no row (write it) or another writer changed it (conflict).
            if (!written && await ExecuteAsync(connection, transaction, InsertIfAbsent, change, updatedAt, cancellationToken) != 1)
            {
                throw new ETagConflictException();
            }
        }

        return changes.Count;
    }

    public static async Task<int> DeleteAsync(DbConnection connection, DbTransaction transaction, string[] keys, CancellationToken cancellationToken)
    {
        var names = keys.Select((_, i) => "@k" + i).ToArray();
        await using var command = DbCommands.Create(connection, transaction, $"DELETE FROM state WHERE key IN ({string.Join(", ", names)})");
        for (var i = 0; i < keys.Length; i++)
        {
            DbCommands.AddParameter(command, "k" + i, keys[i]);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>After the commit, gives every written object its new ETag.</summary>
    public static void Attach(IReadOnlyList<Change> changes)
    {
        foreach (var change in changes.Where(c => c.Value is not null))
        {
            StateSerializer.AttachETag(change.Value!, change.NewETag);
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Change change, object updatedAt, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, sql);
        DbCommands.AddParameter(command, "key", change.Key);
        DbCommands.AddParameter(command, "value", change.Json!);
        DbCommands.AddParameter(command, "etag", change.NewETag);
        DbCommands.AddParameter(command, "updated_at", updatedAt);
        if (sql == UpdateIfUnchanged)
        {
            DbCommands.AddParameter(command, "expected", change.ExpectedETag!);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

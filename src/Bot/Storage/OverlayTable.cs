using System.Data.Common;
using System.Globalization;
using System.Text;
using MarrowBot.Knowledge.Improvement;

namespace MarrowBot.Bot.Storage;

/// <summary>The SQL of the editors' overlay document (knowledge_overlay; migration 0010), shared by the SQLite and PostgreSQL stores.</summary>
public static class OverlayTable
{
    public static async Task<StoredOverlay?> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, "SELECT version, document FROM knowledge_overlay WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredOverlay(reader.GetInt64(0), Encoding.UTF8.GetBytes(reader.GetString(1))) : null;
    }

    public static async Task<long> VersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, "SELECT version FROM knowledge_overlay WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    public static async Task<bool> TryWriteAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long expectedVersion, byte[] json, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The first write inserts version 1 unless another got there first; every later one updates only the version it read.
        await using var command = DbCommands.Create(connection, transaction, expectedVersion == 0
            ? "INSERT INTO knowledge_overlay (id, version, document, updated_at) VALUES (1, 1, @document, @at) ON CONFLICT (id) DO NOTHING"
            : "UPDATE knowledge_overlay SET version = version + 1, document = @document, updated_at = @at WHERE id = 1 AND version = @expected");
        DbCommands.AddParameter(command, "document", Encoding.UTF8.GetString(json));
        DbCommands.AddParameter(command, "at", dialect.ToDatabase(at));
        if (expectedVersion != 0)
        {
            DbCommands.AddParameter(command, "expected", expectedVersion);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}

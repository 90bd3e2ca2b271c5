using System.Data;
using Npgsql;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL database shared by the state store and the transcript store, and by every instance of the bot.
/// Each operation takes a connection from Npgsql's pool. Migrations run under a transaction-scoped advisory lock,
/// so instances starting at once apply each script exactly once. Tables go in the connection's search path.
/// </summary>
public sealed partial class PostgresDatabase : IStorageDatabase, IAsyncDisposable
{
    /// <summary>The advisory lock key that serialises migrations ("MarrowBt" in ASCII).</summary>
    private const long MigrationLockKey = 0x4D6172726F774274;

    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly ILogger<PostgresDatabase> _logger;
    private volatile bool _schemaReady;

    public PostgresDatabase(string connectionString, ILogger<PostgresDatabase> logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger;
    }

    public StorageProvider Provider => StorageProvider.Postgres;

    /// <summary>Runs a read on its own pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await read(connection, cancellationToken);
    }

    /// <summary>Runs a write in one READ COMMITTED transaction; row locks and conditional updates make it safe against other instances.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await write(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            // Held until commit or rollback: a second instance waits here, then finds the scripts applied.
            takeLock.Parameters.AddWithValue("key", MigrationLockKey);
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await SchemaMigrator.ApplyAsync(
            connection, transaction, SchemaMigrator.For(StorageProvider.Postgres), CreateVersionTable, DateTimeOffset.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _schemaReady = true;
        if (applied > 0)
        {
            LogMigrated(_logger, applied);
        }

        return applied;
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SchemaMigrator.CurrentVersionAsync(connection, null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} schema migrations to the PostgreSQL store")]
    private static partial void LogMigrated(ILogger logger, int count);
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>
/// One SQLite file shared by the state store and the transcript store. Each operation takes a pooled connection;
/// the file is in WAL mode, so reads never wait for writes. Writes from this process queue on one lock (SQLite
/// allows one writer at a time) and take the file's write lock at BEGIN; another process writing the same file
/// is waited for up to the operation timeout (busy timeout).
/// </summary>
public sealed partial class SqliteDatabase : IStorageDatabase, IDisposable
{
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly ILogger<SqliteDatabase> _logger;
    private volatile bool _schemaReady;

    public SqliteDatabase(string path, IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        FilePath = Path.GetFullPath(path);
        _logger = logger;
        var timeout = options.Value.OperationTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        }.ToString();

        // Per connection: wait for another process's write lock instead of failing at once; in WAL mode NORMAL
        // keeps the file consistent on a crash and loses at most the last commits on power loss.
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    public StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Runs a read on its own pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection, cancellationToken);
    }

    /// <summary>Runs a write in one transaction, after this process's other writes.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);

            // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE: the write lock is taken
            // up front, so a read-then-write inside it cannot fail halfway on another process's write.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
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
        // Owner-only before SQLite opens it: SQLite creates the -wal and -shm files with the main file's permissions.
        OwnerOnly.CreateFolder(Path.GetDirectoryName(FilePath)!);
        OwnerOnly.EnsureFile(FilePath);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            // Both persist in the file and must run outside a transaction. The page size takes effect only in a new
            // file (before WAL mode is set): transcript rows are a few KiB of JSON, and 16 KiB pages hold several
            // of them, so a batch dirties and logs fewer pages (about 2 % of throughput with transcripts on).
            wal.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        // Files an older version left readable by others.
        OwnerOnly.Restrict(FilePath + "-wal");
        OwnerOnly.Restrict(FilePath + "-shm");

        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = await SchemaMigrator.ApplyAsync(
            connection, transaction, SchemaMigrator.For(StorageProvider.Sqlite), CreateVersionTable, UnixMicroseconds.From(DateTimeOffset.UtcNow), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _schemaReady = true;
        if (applied > 0)
        {
            LogMigrated(_logger, applied, FilePath);
        }

        return applied;
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SchemaMigrator.CurrentVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>Closes this database's pooled connections (only its own: other databases in the process keep theirs).</summary>
    public void Dispose()
    {
        using (var pooled = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        _writeGate.Dispose();
        _schemaGate.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = _pragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} schema migrations to the SQLite store {Path}")]
    private static partial void LogMigrated(ILogger logger, int count, string path);
}

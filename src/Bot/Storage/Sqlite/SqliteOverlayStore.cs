using MarrowBot.Knowledge.Improvement;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>The editors' overlay document in the Sqlite store (<see cref="OverlayTable"/>).</summary>
public sealed class SqliteOverlayStore(SqliteDatabase database) : IOverlayStore
{
    private static readonly SqlDialect Dialect = SqlDialect.Sqlite;

    /// <inheritdoc/>
    public Task<StoredOverlay?> ReadAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => OverlayTable.ReadAsync(connection, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<long> VersionAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => OverlayTable.VersionAsync(connection, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TryWriteAsync(long expectedVersion, byte[] json, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => OverlayTable.TryWriteAsync(connection, transaction, Dialect, expectedVersion, json, at, ct), cancellationToken);
}

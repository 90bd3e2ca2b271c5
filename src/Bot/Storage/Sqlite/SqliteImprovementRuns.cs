using MarrowBot.Staff.Improve;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>The retrain runs in the Sqlite store (<see cref="ImprovementTable"/>).</summary>
public sealed class SqliteImprovementRuns(SqliteDatabase database) : IImprovementRuns
{
    private static readonly SqlDialect Dialect = SqlDialect.Sqlite;

    /// <inheritdoc/>
    public Task<long> StartAsync(string requestedBy, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => ImprovementTable.StartAsync(connection, transaction, Dialect, requestedBy, startedAt, ct), cancellationToken);

    /// <inheritdoc/>
    public Task FinishAsync(long id, ImprovementRunResult result, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => ImprovementTable.FinishAsync(connection, transaction, Dialect, id, result, finishedAt, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImprovementRun>> ListAsync(int limit, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => ImprovementTable.ListAsync(connection, Dialect, limit, ct), cancellationToken);
}

using MarrowBot.Staff.Handoff;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>The hand-off queue in the SQLite file (<see cref="HandoffTable"/>).</summary>
public sealed class SqliteHandoffQueue(SqliteDatabase database) : IHandoffQueue
{
    private static readonly SqlDialect Dialect = SqlDialect.Sqlite;

    /// <inheritdoc/>
    public Task<HandoffEnqueued> EnqueueAsync(HandoffTicket ticket, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => HandoffTable.EnqueueAsync(connection, transaction, Dialect, ticket, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<HandoffRequest?> FindOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => HandoffTable.FindOpenAsync(connection, null, Dialect, channelId, conversationId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HandoffRequest>> ListOpenAsync(int limit, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => HandoffTable.ListOpenAsync(connection, Dialect, limit, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<HandoffRequest?> GetAsync(long id, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => HandoffTable.GetAsync(connection, null, Dialect, id, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> MarkAnsweredAsync(long id, string answeredBy, DateTimeOffset answeredAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => HandoffTable.MarkAnsweredAsync(connection, transaction, Dialect, id, answeredBy, answeredAt, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> CloseAsync(long id, DateTimeOffset closedAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => HandoffTable.CloseAsync(connection, transaction, Dialect, id, closedAt, ct), cancellationToken);
}

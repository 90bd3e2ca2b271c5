using MarrowBot.Staff.Conversations;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>The staff console's conversations in the Postgres store (<see cref="StaffConversationTables"/>).</summary>
public sealed class PostgresStaffConversations(PostgresDatabase database) : IStaffConversations
{
    /// <inheritdoc/>
    public Task<InboxResults> ListAsync(InboxQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffConversationTables.ListAsync(connection, SqlDialect.Postgres, query, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<InboxCounts> CountAsync(InboxQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffConversationTables.CountAsync(connection, SqlDialect.Postgres, query, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<StaffTranscript?> GetTranscriptAsync(ConversationKey key, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => StaffConversationTables.GetTranscriptAsync(connection, SqlDialect.Postgres, key, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AcknowledgeAsync(ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffConversationTables.AcknowledgeAsync(connection, transaction, SqlDialect.Postgres, key, by, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> MarkReviewedAsync(ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => StaffConversationTables.MarkReviewedAsync(connection, transaction, SqlDialect.Postgres, key, by, at, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> LabelTurnAsync(ConversationKey key, string activityId, string label, string? note, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        StaffConversationTables.ValidateLabel(label, note);
        return database.WriteAsync(
            (connection, transaction, ct) => StaffConversationTables.LabelTurnAsync(connection, transaction, SqlDialect.Postgres, key, activityId, label, note, by, at, ct), cancellationToken);
    }
}

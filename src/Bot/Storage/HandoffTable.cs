using System.Data.Common;
using MarrowBot.Staff.Handoff;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the hand-off queue (migration 0005), the same for SQLite and PostgreSQL but for how times are kept.
/// A partial unique index allows one open (waiting or answered) request per conversation.
/// </summary>
public static class HandoffTable
{
    private const string Columns =
        "id, channel_id, conversation_id, service_url, reference, state, requested_at, answered_by, answered_at, closed_at";

    public static async Task<HandoffEnqueued> EnqueueAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, HandoffTicket ticket, CancellationToken cancellationToken)
    {
        if (await FindOpenAsync(connection, transaction, dialect, ticket.ChannelId, ticket.ConversationId, cancellationToken) is { } open)
        {
            // Asking again: a waiting request keeps its place; an answered one waits again from now. The reference
            // is refreshed (a channel may move a conversation to another service URL).
            var waiting = open.State == HandoffState.Waiting;
            await using var update = DbCommands.Create(connection, transaction,
                "UPDATE handoff_requests SET state = 'waiting', reference = @reference, service_url = @service_url, " +
                "requested_at = CASE WHEN state = 'answered' THEN @requested_at ELSE requested_at END WHERE id = @id");
            DbCommands.AddParameter(update, "reference", ticket.ConversationReference);
            DbCommands.AddParameter(update, "service_url", ticket.ServiceUrl);
            DbCommands.AddParameter(update, "requested_at", dialect.ToDatabase(ticket.RequestedAt));
            DbCommands.AddParameter(update, "id", open.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
            return new HandoffEnqueued((await GetAsync(connection, transaction, dialect, open.Id, cancellationToken))!, waiting);
        }

        await using var insert = DbCommands.Create(connection, transaction,
            "INSERT INTO handoff_requests (channel_id, conversation_id, service_url, reference, state, requested_at) " +
            "VALUES (@channel_id, @conversation_id, @service_url, @reference, 'waiting', @requested_at) " +
            "ON CONFLICT (channel_id, conversation_id) WHERE state <> 'closed' DO NOTHING RETURNING id");
        DbCommands.AddParameter(insert, "channel_id", ticket.ChannelId);
        DbCommands.AddParameter(insert, "conversation_id", ticket.ConversationId);
        DbCommands.AddParameter(insert, "service_url", ticket.ServiceUrl);
        DbCommands.AddParameter(insert, "reference", ticket.ConversationReference);
        DbCommands.AddParameter(insert, "requested_at", dialect.ToDatabase(ticket.RequestedAt));
        var id = await insert.ExecuteScalarAsync(cancellationToken);
        if (id is null or DBNull)
        {
            // Another instance queued this conversation between the read and the insert (PostgreSQL, READ COMMITTED).
            var queued = await FindOpenAsync(connection, transaction, dialect, ticket.ChannelId, ticket.ConversationId, cancellationToken);
            return new HandoffEnqueued(queued!, AlreadyWaiting: true);
        }

        return new HandoffEnqueued((await GetAsync(connection, transaction, dialect, Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), cancellationToken))!, AlreadyWaiting: false);
    }

    public static async Task<HandoffRequest?> FindOpenAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            $"SELECT {Columns} FROM handoff_requests WHERE channel_id = @channel_id AND conversation_id = @conversation_id AND state <> 'closed'");
        DbCommands.AddParameter(command, "channel_id", channelId);
        DbCommands.AddParameter(command, "conversation_id", conversationId);
        return (await ReadAllAsync(command, dialect, cancellationToken)).FirstOrDefault();
    }

    public static async Task<IReadOnlyList<HandoffRequest>> ListOpenAsync(DbConnection connection, SqlDialect dialect, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null,
            $"SELECT {Columns} FROM handoff_requests WHERE state <> 'closed' " +
            "ORDER BY CASE state WHEN 'waiting' THEN 0 ELSE 1 END, requested_at, id LIMIT @limit");
        DbCommands.AddParameter(command, "limit", limit);
        return await ReadAllAsync(command, dialect, cancellationToken);
    }

    public static async Task<HandoffRequest?> GetAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, long id, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, $"SELECT {Columns} FROM handoff_requests WHERE id = @id");
        DbCommands.AddParameter(command, "id", id);
        return (await ReadAllAsync(command, dialect, cancellationToken)).FirstOrDefault();
    }

    public static async Task<bool> MarkAnsweredAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id, string answeredBy, DateTimeOffset answeredAt, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            "UPDATE handoff_requests SET state = 'answered', answered_by = @answered_by, answered_at = @answered_at WHERE id = @id AND state <> 'closed'");
        DbCommands.AddParameter(command, "answered_by", answeredBy);
        DbCommands.AddParameter(command, "answered_at", dialect.ToDatabase(answeredAt));
        DbCommands.AddParameter(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> CloseAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            "UPDATE handoff_requests SET state = 'closed', closed_at = @closed_at WHERE id = @id AND state <> 'closed'");
        DbCommands.AddParameter(command, "closed_at", dialect.ToDatabase(closedAt));
        DbCommands.AddParameter(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<List<HandoffRequest>> ReadAllAsync(DbCommand command, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var requests = new List<HandoffRequest>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new HandoffRequest(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5) switch
                {
                    "waiting" => HandoffState.Waiting,
                    "answered" => HandoffState.Answered,
                    _ => HandoffState.Closed,
                },
                dialect.ReadTime(reader, 6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : dialect.ReadTime(reader, 8),
                reader.IsDBNull(9) ? null : dialect.ReadTime(reader, 9)));
        }

        return requests;
    }
}

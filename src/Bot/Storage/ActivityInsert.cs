using System.Data.Common;
using MarrowBot.Bot.Transcripts;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Appends transcript rows to the activities table within one batch's transaction, through one statement prepared
/// for the batch. <see cref="SqlDialect.ActivityInsert"/> says which: ADO.NET parameters for PostgreSQL,
/// <see cref="Sqlite.SqliteActivityInsert"/> for SQLite.
/// </summary>
public abstract class ActivityInsert : IAsyncDisposable
{
    /// <summary>The insert, with parameters (or placeholders) in this order: channel, conversation, activity id, timestamp, role, type, outcome kind, triage tier, JSON.</summary>
    protected const string Sql =
        "INSERT INTO activities (channel_id, conversation_id, activity_id, timestamp, from_role, type, outcome_kind, triage_tier, json) " +
        "VALUES (@channel, @conversation, @activity, @timestamp, @role, @type, @kind, @tier, @json)";

    /// <summary>Adds <paramref name="record"/>'s row (or queues it until <see cref="FlushAsync"/>).</summary>
    public abstract Task InsertAsync(TranscriptRecord record, CancellationToken cancellationToken);

    /// <summary>Writes any rows still queued; called before anything else in the batch's transaction touches the table, and at its end.</summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// The insert through ADO.NET. Where the provider can batch (Npgsql), the rows are queued as one
/// <see cref="DbBatch"/> and sent together at <see cref="FlushAsync"/>: one round trip per batch instead of one per
/// row. Under load on a busy machine each round trip waits its turn for a core, and a batch of 200 single-row
/// inserts to PostgreSQL took longer than the writer's timeout, over and over, until the buffer overflowed
/// (the load test, ADR 0015). Otherwise one command is prepared and given each row's values.
/// </summary>
public sealed class CommandActivityInsert : ActivityInsert
{
    private static readonly string[] Names = ["channel", "conversation", "activity", "timestamp", "role", "type", "kind", "tier", "json"];

    private readonly DbCommand? _command;
    private readonly DbBatch? _batch;
    private readonly Func<DateTimeOffset, object> _time;
    private readonly DbParameter[] _values = [];

    public CommandActivityInsert(DbConnection connection, DbTransaction transaction, Func<DateTimeOffset, object> toDatabase)
    {
        _time = toDatabase;
        if (connection.CanCreateBatch)
        {
            _batch = connection.CreateBatch();
            _batch.Transaction = transaction;
            return;
        }

        _command = DbCommands.Create(connection, transaction, Sql);
        _values = Names.Select(name => DbCommands.AddParameter(_command, name, null)).ToArray();
    }

    public override async Task InsertAsync(TranscriptRecord record, CancellationToken cancellationToken)
    {
        if (_batch is not null)
        {
            var row = _batch.CreateBatchCommand();
            row.CommandText = Sql;
            var values = Values(record);
            for (var i = 0; i < Names.Length; i++)
            {
                var parameter = row.CreateParameter();
                parameter.ParameterName = "@" + Names[i];
                parameter.Value = values[i];
                row.Parameters.Add(parameter);
            }

            _batch.BatchCommands.Add(row);
            return;
        }

        var next = Values(record);
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i].Value = next[i];
        }

        await _command!.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is { BatchCommands.Count: > 0 })
        {
            await _batch.ExecuteNonQueryAsync(cancellationToken);
            _batch.BatchCommands.Clear();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }

        if (_command is not null)
        {
            await _command.DisposeAsync();
        }
    }

    private object[] Values(TranscriptRecord record) =>
    [
        record.ChannelId,
        record.ConversationId,
        record.ActivityId,
        _time(record.Timestamp),
        (object?)record.FromRole ?? DBNull.Value,
        record.Type,
        (object?)record.OutcomeKind ?? DBNull.Value,
        record.Triage is { } triage ? (short)triage : DBNull.Value,
        record.Json,
    ];
}

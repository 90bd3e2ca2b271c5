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

    /// <summary>Adds <paramref name="record"/>'s row.</summary>
    public abstract Task InsertAsync(TranscriptRecord record, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The insert as an ADO.NET command whose parameters are created once and given each row's values.</summary>
public sealed class CommandActivityInsert : ActivityInsert
{
    private readonly DbCommand _command;
    private readonly Func<DateTimeOffset, object> _time;
    private readonly DbParameter[] _values;

    public CommandActivityInsert(DbConnection connection, DbTransaction transaction, Func<DateTimeOffset, object> toDatabase)
    {
        _command = DbCommands.Create(connection, transaction, Sql);
        _time = toDatabase;
        _values = new[] { "channel", "conversation", "activity", "timestamp", "role", "type", "kind", "tier", "json" }
            .Select(name => DbCommands.AddParameter(_command, name, null))
            .ToArray();
    }

    public override async Task InsertAsync(TranscriptRecord record, CancellationToken cancellationToken)
    {
        _values[0].Value = record.ChannelId;
        _values[1].Value = record.ConversationId;
        _values[2].Value = record.ActivityId;
        _values[3].Value = _time(record.Timestamp);
        _values[4].Value = (object?)record.FromRole ?? DBNull.Value;
        _values[5].Value = record.Type;
        _values[6].Value = (object?)record.OutcomeKind ?? DBNull.Value;
        _values[7].Value = record.Triage is { } triage ? (short)triage : DBNull.Value;
        _values[8].Value = record.Json;
        await _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _command.DisposeAsync();
}

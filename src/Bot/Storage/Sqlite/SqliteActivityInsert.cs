using System.Buffers;
using System.Data.Common;
using System.Text;
using MarrowBot.Bot.Transcripts;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>
/// The transcript insert straight through SQLite's C API, on the batch's connection and inside its transaction:
/// values are bound by position from one reused UTF-8 buffer. Through ADO.NET each of the nine values was looked up
/// by name on every row and each string copied into a new array: about half of the insert's own time in a profile
/// (ADR 0009).
/// </summary>
public sealed class SqliteActivityInsert : ActivityInsert
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

    public SqliteActivityInsert(DbConnection connection)
    {
        _database = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_database, Sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }

    public override Task InsertAsync(TranscriptRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Bind(1, record.ChannelId);
            Bind(2, record.ConversationId);
            Bind(3, record.ActivityId);
            Check(raw.sqlite3_bind_int64(_statement, 4, UnixMicroseconds.From(record.Timestamp)));
            Bind(5, record.FromRole);
            Bind(6, record.Type);
            Bind(7, record.OutcomeKind);
            Check(record.Triage is { } triage ? raw.sqlite3_bind_int(_statement, 8, (int)triage) : raw.sqlite3_bind_null(_statement, 8));
            Bind(9, record.Json);
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _statement.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return ValueTask.CompletedTask;
    }

    /// <summary>Binds text (or NULL); SQLite copies the bytes, so the buffer serves the next value.</summary>
    private void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        var length = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, index, _buffer.AsSpan(0, length)));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}

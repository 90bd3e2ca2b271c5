using System.Data.Common;
using System.Globalization;

namespace MarrowBot.Bot.Storage.Sqlite;

/// <summary>
/// Fills the SQLite full-text index of the person's messages (migration 0004) from the rows a batch has just added:
/// one INSERT ... SELECT per batch, in its transaction. Per-row triggers cost the writer about 40 µs a row, since
/// FTS5 writes a segment for every statement a trigger runs; this costs about 5 µs (ADR 0027). A batch indexes what it has added before each
/// edit too, so that the edit trigger finds the row it changes.
/// </summary>
internal static class SqliteSearchIndex
{
    /// <summary>The highest seq stored: the rows after it are the ones this batch adds.</summary>
    public static async Task<long> LastSeqAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM activities");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Indexes the person's messages stored after <paramref name="after"/>, each with its conversation's seq; returns the new highest seq.</summary>
    public static async Task<long> IndexAfterAsync(DbConnection connection, DbTransaction transaction, long after, CancellationToken cancellationToken)
    {
        await using (var index = DbCommands.Create(
            connection,
            transaction,
            "INSERT INTO activity_search (rowid, text, conversation) SELECT a.seq, json_extract(a.json, '$.text'), c.seq FROM activities a " +
            "JOIN conversations c ON c.channel_id = a.channel_id AND c.conversation_id = a.conversation_id WHERE a.seq > @after AND a.type = 'message' AND a.from_role = 'user'"))
        {
            DbCommands.AddParameter(index, "after", after);
            await index.ExecuteNonQueryAsync(cancellationToken);
        }

        return await LastSeqAsync(connection, transaction, cancellationToken);
    }
}

using System.Data.Common;
using MarrowBot.Bot.Storage.Sqlite;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The little that differs between SQLite and PostgreSQL in the stores' SQL: how times are kept, the two-argument
/// min and max, and how a batch appends transcript rows.
/// </summary>
public sealed record SqlDialect(
    string Least,
    string Greatest,
    Func<DateTimeOffset, object> ToDatabase,
    Func<DbDataReader, int, DateTimeOffset> ReadTime,
    Func<DbConnection, DbTransaction, ActivityInsert> ActivityInsert)
{
    public static SqlDialect Sqlite { get; } = new(
        "MIN", "MAX", t => UnixMicroseconds.From(t), (r, i) => UnixMicroseconds.ToTime(r.GetInt64(i)), (connection, _) => new SqliteActivityInsert(connection));

    public static SqlDialect Postgres { get; } = new(
        "LEAST", "GREATEST", PostgresTime, (r, i) => r.GetFieldValue<DateTimeOffset>(i), (connection, transaction) => new CommandActivityInsert(connection, transaction, PostgresTime));

    private static object PostgresTime(DateTimeOffset time) => time.ToUniversalTime();
}

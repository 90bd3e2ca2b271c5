using System.Data.Common;

namespace MarrowBot.Bot.Storage;

/// <summary>The little that differs between SQLite and PostgreSQL in the stores' SQL: how times are kept, and the two-argument min and max.</summary>
public sealed record SqlDialect(string Least, string Greatest, Func<DateTimeOffset, object> ToDatabase, Func<DbDataReader, int, DateTimeOffset> ReadTime)
{
    public static SqlDialect Sqlite { get; } = new("MIN", "MAX", t => UnixMicroseconds.From(t), (r, i) => UnixMicroseconds.ToTime(r.GetInt64(i)));

    public static SqlDialect Postgres { get; } = new("LEAST", "GREATEST", t => t.ToUniversalTime(), (r, i) => r.GetFieldValue<DateTimeOffset>(i));
}

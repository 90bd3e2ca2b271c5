namespace MarrowBot.Bot.Storage;

/// <summary>SQLite keeps times as INTEGER microseconds since the Unix epoch (UTC): they sort and compare as numbers, at PostgreSQL's precision.</summary>
public static class UnixMicroseconds
{
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToTime(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
}

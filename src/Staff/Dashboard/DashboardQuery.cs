namespace MarrowBot.Staff.Dashboard;

/// <summary>
/// The dashboard's days: <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive, as calendar days in
/// <see cref="Zone"/> (the staff's time zone, Staff:HandoffTimeZone), at most <see cref="MaxDays"/> of them.
/// </summary>
public sealed record DashboardQuery(DateOnly FirstDay, DateOnly LastDay, TimeZoneInfo Zone)
{
    /// <summary>The longest range: a year, leap day included.</summary>
    public const int MaxDays = 366;

    /// <summary>The range when none is asked for: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>
    /// The stores count in buckets of this many seconds and the buckets are put into days here: every time zone in
    /// use today is a whole number of quarter hours from UTC, so no bucket straddles a local midnight.
    /// </summary>
    public const int BucketSeconds = 900;

    /// <summary>The first instant of the range (local midnight of <see cref="FirstDay"/>).</summary>
    public DateTimeOffset From => StartOf(FirstDay, Zone);

    /// <summary>The instant after the range (local midnight after <see cref="LastDay"/>).</summary>
    public DateTimeOffset To => StartOf(LastDay.AddDays(1), Zone);

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>The local day of a store's bucket (its number since the Unix epoch).</summary>
    public DateOnly DayOfBucket(long bucket) => DayOf(DateTimeOffset.FromUnixTimeSeconds(bucket * BucketSeconds));

    /// <summary>The local day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/> (past a clock change that skips midnight).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

using System.Globalization;

namespace MarrowBot.Staff.Handoff;

/// <summary>
/// When staff answer hand-off requests, from a setting such as "Mon-Fri 09:00-17:00" or
/// "Mon-Fri 09:00-17:00; Sat 10:00-12:00" in a time zone: rules separated by ";", each a day or a range of days
/// (Mon..Sun; a range may wrap, "Sat-Mon") and a start and an end time on the same day.
/// </summary>
public sealed class HandoffHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] LongDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private readonly IReadOnlyList<Rule> _rules;
    private readonly TimeZoneInfo _zone;
    private readonly string _zoneName;

    private HandoffHours(IReadOnlyList<Rule> rules, TimeZoneInfo zone, string zoneName)
    {
        _rules = rules;
        _zone = zone;
        _zoneName = zoneName;
    }

    /// <summary>The staff's time zone (Staff:HandoffTimeZone); the dashboard's days are its days too.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>Reads <paramref name="hours"/> in the time zone <paramref name="timeZone"/> (an IANA or Windows id), or says what is wrong.</summary>
    public static bool TryParse(string? hours, string? timeZone, out HandoffHours? parsed, out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(timeZone) || !TryFindZone(timeZone.Trim(), out var zone))
        {
            error = "Staff:HandoffTimeZone is not a known time zone (e.g. UTC, Europe/London).";
            return false;
        }

        if (string.IsNullOrWhiteSpace(hours))
        {
            error = "Staff:HandoffHours is empty; give days and times such as \"Mon-Fri 09:00-17:00\".";
            return false;
        }

        var rules = new List<Rule>();
        foreach (var part in hours.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseRule(part, out var rule))
            {
                error = "Staff:HandoffHours is not of the form \"Mon-Fri 09:00-17:00\" (rules separated by \";\", each a day or days and a start before an end time).";
                return false;
            }

            rules.Add(rule);
        }

        if (rules.Count == 0)
        {
            error = "Staff:HandoffHours has no rules.";
            return false;
        }

        parsed = new HandoffHours(rules, zone!, timeZone.Trim());
        error = null;
        return true;
    }

    /// <summary>Reads the setting, throwing with the setting's name when it is malformed (options are validated at start, so this does not throw after it).</summary>
    public static HandoffHours Parse(string? hours, string? timeZone) =>
        TryParse(hours, timeZone, out var parsed, out var error) ? parsed! : throw new FormatException(error);

    /// <summary>Whether staff are available at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _rules.Any(r => r.Days.Contains(local.DayOfWeek) && time >= r.Start && time < r.End);
    }

    /// <summary>The next start of staff hours after <paramref name="now"/>, in the hours' time zone.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var day = 0; day <= 7; day++)
        {
            var date = today.AddDays(day);
            foreach (var start in _rules.Where(r => r.Days.Contains(date.DayOfWeek)).Select(r => r.Start).Order())
            {
                var candidate = At(date, start);
                if (candidate > now)
                {
                    return candidate;
                }
            }
        }

        // Every rule names at least one day, so a start is always found within a week and a day.
        throw new InvalidOperationException("No staff hours in the coming week.");
    }

    /// <summary>The hours in words, e.g. "Monday to Friday, 09:00 to 17:00 (UTC)".</summary>
    public string Describe() =>
        string.Join("; ", _rules.Select(r => $"{r.DaysText}, {r.Start:HH\\:mm} to {r.End:HH\\:mm}")) + $" ({_zoneName})";

    /// <summary>A time in words in the hours' time zone relative to <paramref name="now"/>: "today at 09:00", "tomorrow at 09:00", "Monday at 09:00".</summary>
    public string DescribeWhen(DateTimeOffset when, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(when, _zone);
        var days = DateOnly.FromDateTime(local.DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime).DayNumber;
        var day = days switch
        {
            0 => "today",
            1 => "tomorrow",
            _ => LongDayNames[(int)local.DayOfWeek],
        };
        return string.Create(CultureInfo.InvariantCulture, $"{day} at {local:HH:mm} ({_zoneName})");
    }

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        while (_zone.IsInvalidTime(local))
        {
            // Clocks went forward over this time: the hours start when the local clock reaches it again.
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    private static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = null;
            return false;
        }
    }

    private static bool TryParseRule(string text, out Rule rule)
    {
        rule = null!;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryParseDays(parts[0], out var days, out var daysText))
        {
            return false;
        }

        var times = parts[1].Split('-');
        if (times.Length != 2
            || !TimeOnly.TryParseExact(times[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(times[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || end <= start)
        {
            return false;
        }

        rule = new Rule(days, start, end, daysText);
        return true;
    }

    private static bool TryParseDays(string text, out HashSet<DayOfWeek> days, out string daysText)
    {
        days = [];
        daysText = string.Empty;
        var range = text.Split('-');
        if (range.Length is < 1 or > 2)
        {
            return false;
        }

        var first = Array.IndexOf(DayNames, range[0].ToLowerInvariant());
        var last = range.Length == 2 ? Array.IndexOf(DayNames, range[1].ToLowerInvariant()) : first;
        if (first < 0 || last < 0)
        {
            return false;
        }

        for (var day = first; ; day = (day + 1) % 7)
        {
            days.Add((DayOfWeek)day);
            if (day == last)
            {
                break;
            }
        }

        daysText = first == last ? LongDayNames[first] : $"{LongDayNames[first]} to {LongDayNames[last]}";
        return true;
    }

    private sealed record Rule(HashSet<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string DaysText);
}

using System.Globalization;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Dashboard;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Api;

/// <summary>
/// The dashboard's range from a query string: <c>from</c> and <c>to</c> as dates (yyyy-mm-dd, both days included)
/// in the staff's time zone. Without <c>to</c>, today; without <c>from</c>, the 30 days ending at <c>to</c>.
/// </summary>
public static class DashboardQueryParser
{
    /// <exception cref="StaffInputException">A date is malformed, from is after to, or the range is longer than <see cref="DashboardQuery.MaxDays"/> days.</exception>
    public static DashboardQuery Parse(IQueryCollection query, TimeZoneInfo zone, DateTimeOffset now)
    {
        var to = Date(query, "to") ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var from = Date(query, "from") ?? to.AddDays(1 - DashboardQuery.DefaultDays);
        if (from > to)
        {
            throw new StaffInputException("from must not be after to.");
        }

        if (to.DayNumber - from.DayNumber + 1 > DashboardQuery.MaxDays)
        {
            throw new StaffInputException($"The range may be at most {DashboardQuery.MaxDays} days.");
        }

        return new DashboardQuery(from, to, zone);
    }

    /// <summary>The query string for <paramref name="query"/>'s range (for links and the page's script).</summary>
    public static string ToQueryString(DashboardQuery query) =>
        QueryString.Create(new KeyValuePair<string, string?>[] { new("from", Format(query.FirstDay)), new("to", Format(query.LastDay)) }).ToUriComponent();

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            throw new StaffInputException($"{name} may be given once.");
        }

        var value = values.ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        // The message names the parameter and the form, never echoes the value.
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new StaffInputException($"{name} must be a date as yyyy-mm-dd.");
    }
}

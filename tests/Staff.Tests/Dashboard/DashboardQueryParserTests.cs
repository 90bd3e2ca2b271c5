using MarrowBot.Staff.Api;
using MarrowBot.Staff.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MarrowBot.Staff.Tests.Dashboard;

public sealed class DashboardQueryParserTests
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));

    [Fact]
    public void WithoutDatesTheRangeIsTheThirtyDaysEndingTodayInTheStaffsTimeZone()
    {
        // 20:00 UTC on 4 December is already 5 December in Auckland.
        var query = DashboardQueryParser.Parse(Query(""), Auckland, Now);

        Assert.Equal((new DateOnly(2026, 11, 6), new DateOnly(2026, 12, 5), 30), (query.FirstDay, query.LastDay, query.Days));
    }

    [Fact]
    public void FromAloneRunsToToday()
    {
        var query = DashboardQueryParser.Parse(Query("?from=2026-12-01"), TimeZoneInfo.Utc, Now);

        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 4)), (query.FirstDay, query.LastDay));
    }

    [Theory]
    [InlineData("?from=2026-02-30")]
    [InlineData("?to=04/12/2026")]
    [InlineData("?from=2026-12-04T00:00:00Z")]
    [InlineData("?from=2026-12-05&to=2026-12-04")]
    [InlineData("?from=2025-12-03&to=2026-12-04")]
    public void AMalformedOrTooLongRangeIsRefused(string query)
    {
        Assert.Throws<StaffInputException>(() => DashboardQueryParser.Parse(Query(query), TimeZoneInfo.Utc, Now));
    }
}

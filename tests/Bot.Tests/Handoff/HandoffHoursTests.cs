using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Handoff;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>Staff:HandoffHours and Staff:HandoffTimeZone: reading them, and when staff are available.</summary>
public sealed class HandoffHoursTests
{
    private static readonly HandoffHours Weekdays = HandoffHours.Parse("Mon-Fri 09:00-17:00", "UTC");

    [Theory]
    [InlineData("2026-12-02T09:00:00Z", true)] // Wednesday, opening
    [InlineData("2026-12-02T16:59:00Z", true)]
    [InlineData("2026-12-02T17:00:00Z", false)] // closing time is outside
    [InlineData("2026-12-02T08:59:00Z", false)]
    [InlineData("2026-12-05T10:00:00Z", false)] // Saturday
    public void WeekdayHoursAreOpenFromTheStartUntilTheEnd(string now, bool open) =>
        Assert.Equal(open, Weekdays.IsOpen(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OnASaturdayTheNextOpeningIsMondayMorning()
    {
        var saturday = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

        var next = Weekdays.NextOpening(saturday);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), next);
        Assert.Equal("Monday at 09:00 (UTC)", Weekdays.DescribeWhen(next, saturday));
    }

    [Fact]
    public void BeforeOpeningTheNextOpeningIsTodayAndAfterClosingItIsTomorrow()
    {
        var early = new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
        var late = new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);

        Assert.Equal("today at 09:00 (UTC)", Weekdays.DescribeWhen(Weekdays.NextOpening(early), early));
        Assert.Equal("tomorrow at 09:00 (UTC)", Weekdays.DescribeWhen(Weekdays.NextOpening(late), late));
    }

    [Fact]
    public void HoursAreReadInTheirTimeZoneAcrossSummerTime()
    {
        var london = HandoffHours.Parse("Mon-Fri 09:00-17:00; Sat 10:00-12:00", "Europe/London");

        // 08:30 UTC in July is 09:30 in London; in December it is 08:30 there.
        Assert.True(london.IsOpen(new DateTimeOffset(2026, 7, 1, 8, 30, 0, TimeSpan.Zero)));
        Assert.False(london.IsOpen(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero)));
        Assert.True(london.IsOpen(new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Monday to Friday, 09:00 to 17:00; Saturday, 10:00 to 12:00 (Europe/London)", london.Describe());
    }

    [Fact]
    public void ADayRangeMayWrapOverTheWeekend()
    {
        var hours = HandoffHours.Parse("Sat-Mon 10:00-14:00", "UTC");

        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero))); // Sunday
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero))); // Tuesday
    }

    [Theory]
    [InlineData("", "UTC", "Staff:HandoffHours")]
    [InlineData("weekdays 9 to 5", "UTC", "Staff:HandoffHours")]
    [InlineData("Mon-Fri 17:00-09:00", "UTC", "Staff:HandoffHours")]
    [InlineData("Mon-Fry 09:00-17:00", "UTC", "Staff:HandoffHours")]
    [InlineData("Mon-Fri 09:00-25:00", "UTC", "Staff:HandoffHours")]
    [InlineData("Mon-Fri 09:00-17:00", "Mars/Olympus", "Staff:HandoffTimeZone")]
    public void AMalformedSettingIsRefusedNamingIt(string hours, string zone, string setting)
    {
        var result = new HandoffOptionsValidator().Validate(null, new HandoffOptions { HandoffHours = hours, HandoffTimeZone = zone });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedHandoffHoursStopsTheHostAtStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Staff:HandoffHours"] = "weekdays 9 to 5",
        }));

        Assert.Contains("Staff:HandoffHours", error.Message, StringComparison.Ordinal);
    }
}

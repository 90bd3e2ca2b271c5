using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Dashboard;

namespace MarrowBot.Staff.Tests.Dashboard;

public sealed class DashboardTallyTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("What is ATG?", "what is atg")]
    [InlineData("  what   is\tATG ?! ", "what is atg")]
    [InlineData("Is it genetic...", "is it genetic")]
    [InlineData("?!", "")]
    [InlineData(null, "")]
    public void AQuestionIsGroupedByItsLowerCaseTextWithSpacingAndEndPunctuationFolded(string? text, string normal)
    {
        Assert.Equal(normal, DashboardTally.Normalize(text));
    }

    [Fact]
    public void QuarterHoursGoIntoTheLocalDayTheyFallOnAcrossAClockChange()
    {
        // London moves to summer time at 01:00 UTC on 2026-03-29: that day is 23 hours long.
        var query = new DashboardQuery(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 30), London);
        var tally = new DashboardTally(query);
        long Bucket(DateTimeOffset at) => at.ToUnixTimeSeconds() / DashboardQuery.BucketSeconds;

        tally.AddConversations(Bucket(new DateTimeOffset(2026, 3, 28, 23, 45, 0, TimeSpan.Zero)), TriageTier.Urgent, 2);
        tally.AddConversations(Bucket(new DateTimeOffset(2026, 3, 29, 22, 45, 0, TimeSpan.Zero)), TriageTier.None, 1);
        tally.AddConversations(Bucket(new DateTimeOffset(2026, 3, 29, 23, 0, 0, TimeSpan.Zero)), TriageTier.Emergency, 4);
        tally.AddReplies(Bucket(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero)), "decline", 3);
        tally.AddReplies(Bucket(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero)), "smalltalk", 9);
        tally.AddConversations(Bucket(new DateTimeOffset(2026, 3, 27, 23, 45, 0, TimeSpan.Zero)), TriageTier.None, 100);
        var days = tally.Build().Days;

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 23, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal([(2, 0, 2), (1, 0, 1), (4, 0, 0)], days.Select(d => (d.Conversations, d.Answers, d.TierUrgent + d.TierNone)));
        Assert.Equal(4, days[2].TierEmergency);
        Assert.Equal(3, days[0].Declines);
    }

    [Fact]
    public void TheRatioIsPositiveAmongPositiveAndNegativeAndAbsentWithoutReactions()
    {
        var query = new DashboardQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), TimeZoneInfo.Utc);
        var empty = new DashboardTally(query).Build();
        var tally = new DashboardTally(query);
        tally.AddFeedback(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / DashboardQuery.BucketSeconds, 3, 1);

        Assert.Null(empty.PositiveRatio);
        Assert.Equal(0.75, tally.Build().PositiveRatio);
    }
}

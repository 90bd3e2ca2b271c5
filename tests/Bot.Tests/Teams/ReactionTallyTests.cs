using MarrowBot.Bot.Channels.Teams;

namespace MarrowBot.Bot.Tests.Teams;

public sealed class ReactionTallyTests
{
    [Fact]
    public void CountsReactionsPerReplyAndTypeAndDropsThemWhenRemoved()
    {
        var tally = ReactionTally.Empty
            .Apply("like", "r1", added: true)
            .Apply("like", "r1", added: true)
            .Apply("sad", "r2", added: true)
            .Apply("like", "r1", added: false)
            .Apply("sad", "r2", added: false);

        Assert.Equal(3, tally.Added);
        Assert.Equal(2, tally.Removed);
        Assert.Equal([new ReactionCount("r1", "like", 1)], tally.Counts);
    }

    [Fact]
    public void ARemovalWithoutAnAdditionNeverGoesBelowZero()
    {
        var tally = ReactionTally.Empty.Apply("heart", "r1", added: false);

        Assert.Empty(tally.Counts);
        Assert.Equal(1, tally.Removed);
    }

    [Fact]
    public void KeepsOnlyTheNewestCounts()
    {
        var tally = ReactionTally.Empty;
        for (var i = 0; i < ReactionTally.MaxCounts + 10; i++)
        {
            tally = tally.Apply("like", $"r{i}", added: true);
        }

        Assert.Equal(ReactionTally.MaxCounts, tally.Counts.Count);
        Assert.Equal("r10", tally.Counts[0].ReplyToId);
        Assert.Equal(ReactionTally.MaxCounts + 10, tally.Added);
    }

    [Fact]
    public void AReactionWithoutAReplyIdIsCountedAgainstAnUnknownReply()
    {
        Assert.Equal(ReactionTally.UnknownReply, ReactionTally.Empty.Apply("laugh", null, added: true).Counts.Single().ReplyToId);
    }

    [Theory]
    [InlineData("like", "like")]
    [InlineData("Heart", "heart")]
    [InlineData("1f440_eyes", "1f440_eyes")]
    [InlineData("", "other")]
    [InlineData(null, "other")]
    [InlineData("like\nInjected log line", "other")]
    [InlineData("an-extraordinarily-long-reaction-type-name-x", "other")]
    public void ReactionTypesAreKeptShortAndSafeForLogs(string? type, string expected)
    {
        Assert.Equal(expected, ReactionRecorder.NormalizeType(type));
    }
}

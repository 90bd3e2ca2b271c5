using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>What one batch of transcript records adds to each conversation's row.</summary>
public sealed class ConversationTallyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachConversationGetsOneTallyInOrderOfChannelThenConversation()
    {
        var tallies = ConversationTally.Of(
        [
            Record("msteams", "b", 0), Record("emulator", "z", 1), Record("msteams", "a", 2), Record("msteams", "b", 3),
        ]);

        Assert.Equal(
            [("emulator", "z", 1), ("msteams", "a", 1), ("msteams", "b", 2)],
            tallies.Select(t => (t.ChannelId, t.ConversationId, t.ActivityCount)));
    }

    [Fact]
    public void ATallyKeepsTheEarliestAndLatestTimeWhateverTheOrderOfRecords()
    {
        var tally = Assert.Single(ConversationTally.Of([Record("c", "1", 5), Record("c", "1", -3), Record("c", "1", 9), Record("c", "1", 0)]));

        Assert.Equal(Noon.AddSeconds(-3), tally.FirstActivityAt);
        Assert.Equal(Noon.AddSeconds(9), tally.LastActivityAt);
    }

    [Fact]
    public void TheHighestTierAndEveryFlagSeenInTheBatchAreKept()
    {
        var tally = Assert.Single(ConversationTally.Of(
        [
            Record("c", "1", 0, kind: "answer", tier: TriageTier.Urgent),
            Record("c", "1", 1, kind: "decline", tier: TriageTier.Routine),
            Record("c", "1", 2, kind: "handoff"),
        ]));

        Assert.Equal(TriageTier.Urgent, tally.EscalatedTier);
        Assert.True(tally.Declined);
        Assert.False(tally.Clarified);
        Assert.True(tally.HandoffRequested);
    }

    [Fact]
    public void ReactionsAreCountedPerTypeInOrdinalOrder()
    {
        var tally = Assert.Single(ConversationTally.Of(
        [
            Record("c", "1", 0, added: ["like", "heart"]),
            Record("c", "1", 1, added: ["like"], removed: ["heart"]),
            Record("c", "1", 2, removed: ["angry"]),
        ]));

        Assert.Equal([new FeedbackCount("angry", 0, 1), new FeedbackCount("heart", 1, 1), new FeedbackCount("like", 2, 0)], tally.Reactions);
        Assert.Equal(3, tally.ReactionsAdded);
        Assert.Equal(2, tally.ReactionsRemoved);
    }

    [Fact]
    public void EditsAndDeletionsAreNotCountedAsNewActivities()
    {
        var tallies = ConversationTally.Of([Record("c", "1", 0, type: "messageUpdate"), Record("c", "2", 0, type: "messageDelete"), Record("c", "1", 1)]);

        var tally = Assert.Single(tallies);
        Assert.Equal(("1", 1), (tally.ConversationId, tally.ActivityCount));
        Assert.Empty(tally.Reactions);
    }

    private static TranscriptRecord Record(
        string channel, string conversation, int second, string type = "message", string? kind = null, TriageTier? tier = null, string[]? added = null, string[]? removed = null) =>
        new(channel, conversation, $"a{second}", Noon.AddSeconds(second), "user", type, kind, tier, added ?? [], removed ?? [], "{}");
}

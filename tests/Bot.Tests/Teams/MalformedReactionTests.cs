using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.TeamsActivities;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>
/// Issue 9, defect 6: a messageReaction with a null entry or an entry without a type is malformed; it is ignored
/// (no reply, no apology, no failed turn) and the valid entries beside it still count.
/// </summary>
public sealed class MalformedReactionTests(LocalTeamsHost shared) : IClassFixture<LocalTeamsHost>
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "reactionsAdded", "[null]" },
        { "reactionsRemoved", "[null]" },
        { "reactionsAdded", "[{\"type\": null}]" },
        { "reactionsAdded", "[{}]" },
        { "reactionsAdded", "[{\"type\": \"\"}]" },
        { "reactionsRemoved", "[{\"type\": \"   \"}]" },
    };

    private BotHost Host => shared.Host;

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AMalformedReactionGetsNoReplyAndNoFailedTurn(string property, string reactions)
    {
        var conversation = PersonalConversation();
        var activity = Reaction("personal", conversation, "1732680000123");
        activity[property] = JArray.Parse(reactions);

        var replies = await Host.SendAsync(activity);

        Assert.Empty(replies);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(conversation, StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidReactionsBesideANullOneStillCount()
    {
        var conversation = PersonalConversation();
        var activity = Reaction("personal", conversation, "1732680000123");
        activity["reactionsAdded"] = JArray.Parse("[null, {\"type\": \"like\"}, {\"type\": null}, {\"type\": \"heart\"}]");
        activity["reactionsRemoved"] = JArray.Parse("[{\"type\": \"heart\"}, null]");

        var replies = await Host.SendAsync(activity);

        Assert.Empty(replies);
        var tally = await ReadTallyAsync(conversation);
        Assert.Equal(2, tally.Added);
        Assert.Equal(1, tally.Removed);
        Assert.Equal([new ReactionCount("1732680000123", "like", 1)], tally.Counts);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(conversation, StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
    }

    private async Task<ReactionTally> ReadTallyAsync(string conversation)
    {
        var storage = Host.Services.GetRequiredService<IStorage>();
        var key = $"msteams/conversations/{conversation}";
        var stored = await storage.ReadAsync([key]);
        var state = Assert.IsAssignableFrom<IDictionary<string, object>>(stored[key]);
        return Assert.IsType<ReactionTally>(state[ReactionRecorder.StateProperty]);
    }
}

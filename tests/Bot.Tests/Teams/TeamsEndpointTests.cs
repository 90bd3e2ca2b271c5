using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;
using static MarrowBot.Bot.Tests.Support.TeamsActivities;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>
/// Teams-shaped activities through the real host and CloudAdapter. deliveryMode expectReplies returns the replies
/// in the HTTP body, so no call goes to the Teams service.
/// </summary>
public sealed class TeamsEndpointTests(LocalTeamsHost shared) : IClassFixture<LocalTeamsHost>
{
    private BotHost Host => shared.Host;

    [Fact]
    public async Task APersonalChatMessageIsAnsweredWithoutAMention()
    {
        var replies = await Host.SendAsync(Personal("what causes marrow failure?", PersonalConversation()));

        Assert.Equal(["welcome", "answer"], replies.Select(Kind));
        Assert.Equal("causes", (string)Outcome(replies[1])["intent"]!);
    }

    [Fact]
    public async Task APersonalChatMessageThatMentionsTheBotIsAnsweredToo()
    {
        var replies = await Host.SendAsync(Personal($"{Mention} what causes marrow failure?", PersonalConversation()));

        Assert.Equal("causes", (string)Outcome(replies.Last())["intent"]!);
    }

    [Fact]
    public async Task AGroupChatMessageThatDoesNotMentionTheBotGetsNoReplyAndIsNotTriaged()
    {
        var conversation = GroupChatConversation();

        var replies = await Host.SendAsync(GroupChat("my dad collapsed and what causes marrow failure?", conversation));

        Assert.Empty(replies);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(conversation, StringComparison.Ordinal) && l.Contains("Triage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGroupChatMessageThatMentionsTheBotIsAnswered()
    {
        var replies = await Host.SendAsync(GroupChat($"{Mention} what causes marrow failure?", GroupChatConversation()));

        Assert.Equal("answer", Kind(replies.Last()));
        Assert.Equal("causes", (string)Outcome(replies.Last())["intent"]!);
    }

    [Fact]
    public async Task AnEmergencyAfterTheMentionComesBackAsTheEmergencyReplyFirstAndAlone()
    {
        var replies = await Host.SendAsync(GroupChat($"{Mention} my dad collapsed", GroupChatConversation()));

        var reply = Assert.Single(replies);
        Assert.Equal("triage", Kind(reply));
        Assert.Equal("emergency", (string)Outcome(reply)["triage"]!);
        Assert.StartsWith("**Call", (string)reply["text"]!);
    }

    [Fact]
    public async Task TheMentionIsRemovedSoAMentionAloneIsAnEmptyMessageNotAnAttachment()
    {
        var replies = await Host.SendAsync(GroupChat(Mention, GroupChatConversation()));

        Assert.Equal("empty", (string)Outcome(replies.Last())["intent"]!);
    }

    [Fact]
    public async Task AChannelPostThatMentionsTheBotIsAnsweredAndOneThatDoesNotIsIgnored()
    {
        var answered = await Host.SendAsync(ChannelPost($"{Mention} what causes marrow failure?", ChannelConversation()));
        var ignored = await Host.SendAsync(ChannelPost("what causes marrow failure?", ChannelConversation()));

        Assert.Equal("causes", (string)Outcome(answered.Last())["intent"]!);
        Assert.Empty(ignored);
    }

    [Fact]
    public async Task InstallingTheAppInAPersonalChatWelcomesOnceThoughTeamsAnnouncesItTwice()
    {
        var conversation = PersonalConversation();

        var added = await Host.SendAsync(MembersAdded("personal", conversation, BotId));
        var installed = await Host.SendAsync(InstallationUpdate("add", "personal", conversation));
        var first = await Host.SendAsync(Personal("what causes marrow failure?", conversation));

        var welcome = Assert.Single(added);
        Assert.Equal("welcome", Kind(welcome));
        Assert.Contains("can't diagnose", (string)welcome["text"]!, StringComparison.Ordinal);
        Assert.Contains("emergency", (string)welcome["text"]!, StringComparison.Ordinal);
        Assert.Empty(installed);
        Assert.Equal(["answer"], first.Select(Kind));
    }

    [Fact]
    public async Task AnInstallationUpdateAloneWelcomesInAPersonalChat()
    {
        var replies = await Host.SendAsync(InstallationUpdate("add", "personal", PersonalConversation()));

        Assert.Equal(["welcome"], replies.Select(Kind));
        Assert.NotNull(replies[0]["suggestedActions"]);
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task InstallingInAGroupChatOrTeamSaysAShortHelloThatExplainsMentions(string conversationType)
    {
        var conversation = conversationType == "channel" ? "19:general" + Guid.NewGuid().ToString("N") + "@thread.tacv2" : GroupChatConversation();

        var replies = await Host.SendAsync(InstallationUpdate("add", conversationType, conversation));

        var hello = Assert.Single(replies);
        Assert.Equal("welcome", Kind(hello));
        var text = (string)hello["text"]!;
        Assert.Contains("@MarrowBot", text, StringComparison.Ordinal);
        Assert.Contains("isn't a diagnosis", text, StringComparison.Ordinal);
        Assert.Contains("emergency", text, StringComparison.Ordinal);
        Assert.True(text.Length < 500, "the group hello stays short");
    }

    [Fact]
    public async Task SomeoneJoiningATeamIsNotGreetedAndAnUpgradeSaysNothing()
    {
        var conversation = GroupChatConversation();

        Assert.Empty(await Host.SendAsync(MembersAdded("groupChat", conversation, "29:1newperson")));
        Assert.Empty(await Host.SendAsync(InstallationUpdate("add-upgrade", "groupChat", conversation)));
        Assert.Empty(await Host.SendAsync(InstallationUpdate("remove", "personal", PersonalConversation())));
    }

    [Fact]
    public async Task AReactionIsRecordedInTheLogAndConversationStateWithoutAReply()
    {
        var conversation = PersonalConversation();

        var liked = await Host.SendAsync(Reaction("personal", conversation, "1732680000123", added: ["like", "heart"]));
        var unliked = await Host.SendAsync(Reaction("personal", conversation, "1732680000123", removed: ["like"]));
        var angry = await Host.SendAsync(Reaction("personal", conversation, "1732680000456", added: ["angry"]));

        Assert.Empty(liked);
        Assert.Empty(unliked);
        Assert.Empty(angry);
        Assert.Contains(Host.Logs.Lines, l => l.Contains($"Reaction like added on reply 1732680000123 in conversation {conversation}", StringComparison.Ordinal));
        Assert.Contains(Host.Logs.Lines, l => l.Contains($"Reaction like removed on reply 1732680000123 in conversation {conversation}", StringComparison.Ordinal));

        var tally = await ReadTallyAsync(conversation);
        Assert.Equal(3, tally.Added);
        Assert.Equal(1, tally.Removed);
        Assert.Equal(
            [new ReactionCount("1732680000123", "heart", 1), new ReactionCount("1732680000456", "angry", 1)],
            tally.Counts);
    }

    [Fact]
    public async Task TeamsRepliesCarryCitationsInTheTeamsForm()
    {
        var replies = await Host.SendAsync(Personal("what causes marrow failure?", PersonalConversation()));

        var answer = replies.Last();
        var text = (string)answer["text"]!;
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("]: cite:", text, StringComparison.Ordinal);
        var message = answer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message");
        var claims = message["citation"]!.ToList();
        Assert.NotEmpty(claims);
        Assert.All(claims, claim =>
        {
            Assert.Equal("Claim", (string)claim["@type"]!);
            var appearance = claim["appearance"]!;
            Assert.Equal("DigitalDocument", (string)appearance["@type"]!);
            Assert.InRange(((string)appearance["abstract"]!).Length, 1, 160);
            Assert.InRange(appearance["keywords"]!.Count(), 0, 3);
            Assert.Contains($"[{(int)claim["position"]!}]", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task IgnoredGroupMessagesNeverReachTheLogs()
    {
        await Host.SendAsync(GroupChat("quokka-2291 is our private chat about my counts", GroupChatConversation()));

        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains("quokka", StringComparison.OrdinalIgnoreCase));
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

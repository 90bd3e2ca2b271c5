using MarrowBot.Bot.Channels.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>Which Teams messages are addressed to the bot, and the text left once its mention is removed.</summary>
public sealed class TeamsScopeTests
{
    private const string BotId = "28:6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

    public static TheoryData<string, string, string?> Addressed => new()
    {
        { "personal", "what causes marrow failure?", "what causes marrow failure?" },
        { "personal", "<at>MarrowBot</at> what causes marrow failure?", "what causes marrow failure?" },
        { "groupChat", "<at>MarrowBot</at> what causes marrow failure?", "what causes marrow failure?" },
        { "groupChat", "what causes marrow failure <at>MarrowBot</at>?", "what causes marrow failure  ?" },
        { "channel", "<at>MarrowBot</at> is MarrowBot a real person?", "is MarrowBot a real person?" },
        { "groupChat", "<at>MarrowBot</at>", "" },
        { "groupChat", "what causes marrow failure?", null },
        { "channel", "what causes marrow failure?", null },
    };

    [Theory]
    [MemberData(nameof(Addressed))]
    public void RemovesTheBotsMentionAndIgnoresGroupMessagesWithoutIt(string conversationType, string text, string? expected)
    {
        Assert.Equal(expected, TeamsScope.TextForBot(Message(conversationType, text, mentionsBot: text.Contains("<at>MarrowBot</at>", StringComparison.Ordinal))));
    }

    [Fact]
    public void AnotherPersonsMentionKeepsTheirNameAndDoesNotAddressTheBot()
    {
        var activity = Message("groupChat", "<at>Jo</at> has a nosebleed that won't stop", mentionsBot: false);
        activity.Entities.Add(MentionOf("29:jo", "Jo", "<at>Jo</at>"));

        Assert.Null(TeamsScope.TextForBot(activity));

        activity.Text = "<at>MarrowBot</at> " + activity.Text;
        activity.Entities.Add(MentionOf(BotId, "MarrowBot", "<at>MarrowBot</at>"));
        Assert.Equal("Jo has a nosebleed that won't stop", TeamsScope.TextForBot(activity));
    }

    [Fact]
    public void AMentionWithoutTextIsFoundByTheBotsName()
    {
        var activity = Message("groupChat", "<at>MarrowBot</at> what is marrow failure", mentionsBot: false);
        activity.Entities.Add(MentionOf(BotId, "MarrowBot", text: null));

        Assert.Equal("what is marrow failure", TeamsScope.TextForBot(activity));
    }

    [Fact]
    public void AnUnreadableMentionEntityIsTreatedAsAddressedSoTriageStillRuns()
    {
        var activity = Message("groupChat", "<at>MarrowBot</at> my dad collapsed", mentionsBot: false);
        activity.Entities.Add(new Entity("mention") { Properties = new JObject { ["mentioned"] = "not an account" } });

        Assert.Equal("MarrowBot my dad collapsed", TeamsScope.TextForBot(activity));
    }

    [Fact]
    public void AMessageWithNoTextIsEmptyNotMissing()
    {
        var activity = Message("personal", null, mentionsBot: false);

        Assert.Equal(string.Empty, TeamsScope.TextForBot(activity));
    }

    [Fact]
    public void OtherChannelsPassTheirTextThroughUnchanged()
    {
        var activity = Message("groupChat", "<at>MarrowBot</at> hi", mentionsBot: true);
        activity.ChannelId = "webchat";

        Assert.Equal("<at>MarrowBot</at> hi", TeamsScope.TextForBot(activity));
        Assert.False(TeamsScope.IsGroup(activity));
    }

    [Fact]
    public void TheHtmlCopyOfATeamsMessageIsNotAnAttachmentButAFileIs()
    {
        var activity = Message("personal", string.Empty, mentionsBot: false);
        activity.Attachments = [new Attachment("text/html", content: "<p></p>")];
        Assert.False(TeamsScope.HasAttachments(activity));

        activity.Attachments.Add(new Attachment("image/png", "https://example.invalid/rash.png"));
        Assert.True(TeamsScope.HasAttachments(activity));
    }

    [Theory]
    [InlineData("personal", new[] { BotId }, true)]
    [InlineData("personal", new[] { "29:pat" }, true)]
    [InlineData("groupChat", new[] { BotId }, true)]
    [InlineData("channel", new[] { BotId, "29:pat" }, true)]
    [InlineData("groupChat", new[] { "29:newperson" }, false)]
    [InlineData("channel", new[] { "29:newperson" }, false)]
    public void GreetsWhenTheBotIsAddedButNotWhenSomeoneJoinsAGroup(string conversationType, string[] added, bool greets)
    {
        var activity = Message(conversationType, null, mentionsBot: false);
        activity.Type = ActivityTypes.ConversationUpdate;

        Assert.Equal(greets, TeamsGreeting.ShouldGreet(activity, added.Select(id => new ChannelAccount(id)).ToList()));
    }

    private static Activity Message(string conversationType, string? text, bool mentionsBot) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        Text = text,
        Recipient = new ChannelAccount(BotId, "MarrowBot"),
        From = new ChannelAccount("29:pat", "Pat Example", aadObjectId: "7c3e1d2a-9b8f-4e6d-a5c4-b3a2918f7e6d"),
        Conversation = new ConversationAccount(isGroup: conversationType != "personal", conversationType: conversationType, id: "19:x@thread.v2", tenantId: "t"),
        Entities = mentionsBot ? [MentionOf(BotId, "MarrowBot", "<at>MarrowBot</at>")] : [],
    };

    private static Entity MentionOf(string id, string name, string? text)
    {
        var mention = new Mention(new ChannelAccount(id, name), text);
        var entity = new Entity();
        entity.SetAs(mention);
        return entity;
    }
}

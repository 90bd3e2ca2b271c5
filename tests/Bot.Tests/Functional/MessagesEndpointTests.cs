using System.Net;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>The bot through its real HTTP host and Bot Builder's CloudAdapter, as a channel or curl talks to it.</summary>
public sealed class MessagesEndpointTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private BotHost Host => shared.Host;

    [Fact]
    public async Task HealthCheckIsReadyOnceKnowledgeIsLoaded()
    {
        using var response = await Host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnswersWhatCausesMarrowFailureWithTheDocumentsAnswerAndItsCitation()
    {
        var replies = await Host.SendAsync(Message("what causes marrow failure?", Conversation()));

        Assert.Equal(["welcome", "answer"], replies.Select(Kind));
        var answer = replies[1];
        var outcome = Outcome(answer);
        Assert.Equal("causes", (string)outcome["intent"]!);
        Assert.Equal("none", (string)outcome["triage"]!);
        Assert.Contains("why-causes-differ", outcome["sections"]!.Values<string>());
        Assert.InRange((double)outcome["confidence"]!, 0.45, 1.0);
        Assert.Contains("[1]", (string)answer["text"]!);
        Assert.Contains("immune", (string)answer["text"]!);

        var citation = answer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message");
        Assert.Equal("Message", (string)citation["@type"]!);
        var claim = citation["citation"]![0]!;
        Assert.Equal("Claim", (string)claim["@type"]!);
        Assert.Equal(1, (int)claim["position"]!);
        Assert.Equal("why-causes-differ", (string)claim["appearance"]!["keywords"]![0]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)claim["appearance"]!["abstract"]));

        var actions = answer["suggestedActions"]!["actions"]!;
        Assert.InRange(actions.Count(), 2, 3);
        Assert.All(actions, a => Assert.Equal("imBack", (string)a["type"]!));
    }

    [Fact]
    public async Task EveryReplyCarriesTheOutcomeEntity()
    {
        var conversation = Conversation();
        var messages = new[] { "hello", "what is marrow failure", "thanks", "what dose of ciclosporin should I take", "can I talk to a real person", "bye" };

        foreach (var text in messages)
        {
            var replies = await Host.SendAsync(Message(text, conversation));
            Assert.NotEmpty(replies);
            Assert.All(replies, r =>
            {
                var outcome = Outcome(r);
                Assert.Contains((string)outcome["kind"]!, new[] { "welcome", "answer", "clarify", "decline", "smalltalk", "handoff", "triage", "error" });
                Assert.NotNull(outcome["intent"]);
                Assert.NotNull(outcome["confidence"]);
                Assert.Equal(JTokenType.Array, outcome["sections"]!.Type);
                Assert.Contains((string)outcome["triage"]!, new[] { "none", "routine", "urgent", "emergency" });
            });
        }
    }

    [Fact]
    public async Task WelcomesAPersonJoiningAndNotAgainOnTheirFirstMessage()
    {
        var conversation = Conversation();

        var joined = await Host.SendAsync(MembersAdded(conversation, "user-1"));
        var first = await Host.SendAsync(Message("what is marrow failure", conversation));

        Assert.Equal(["welcome"], joined.Select(Kind));
        Assert.Contains("emergency", (string)joined[0]["text"]!);
        Assert.Equal(["answer"], first.Select(Kind));
    }

    [Fact]
    public async Task DoesNotWelcomeTheBotItselfJoining()
    {
        Assert.Empty(await Host.SendAsync(MembersAdded(Conversation(), "marrowbot")));
    }

    [Theory]
    [InlineData("", "clarify")]
    [InlineData("    ", "clarify")]
    [InlineData("😢🙏", "clarify")]
    [InlineData("¿Qué causa la insuficiencia de la médula ósea?", "decline")]
    [InlineData("what's the capital of France", "decline")]
    public async Task AwkwardMessagesGetAKindReply(string text, string kind)
    {
        var replies = await Host.SendAsync(Message(text, Conversation()));

        Assert.Equal(kind, Kind(replies.Last()));
        Assert.False(string.IsNullOrWhiteSpace((string?)replies.Last()["text"]));
    }

    [Fact]
    public async Task AMessageWithNoTextField()
    {
        var activity = Message(null, Conversation());
        activity.Remove("text");

        var replies = await Host.SendAsync(activity);

        Assert.Equal("clarify", Kind(replies.Last()));
    }

    [Fact]
    public async Task AnAttachmentWithoutTextIsAcknowledged()
    {
        var activity = Message(null, Conversation());
        activity["attachments"] = new JArray(new JObject { ["contentType"] = "image/png", ["contentUrl"] = "https://example.invalid/x.png", ["name"] = "rash.png" });

        var replies = await Host.SendAsync(activity);

        Assert.Equal("no-text", (string)Outcome(replies.Last())["intent"]!);
        Assert.Contains("attachments", (string)replies.Last()["text"]!);
    }

    [Fact]
    public async Task AMessageOfTwentyThousandCharactersIsAnswered()
    {
        var text = string.Concat(Enumerable.Repeat("why do I keep getting infections? ", 700))[..20_000];

        var replies = await Host.SendAsync(Message(text, Conversation()));

        Assert.Equal("answer", Kind(replies.Last()));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("messageReaction")]
    [InlineData("endOfConversation")]
    [InlineData("installationUpdate")]
    public async Task NonMessageActivitiesAreAcceptedWithoutAReply(string type)
    {
        Assert.Empty(await Host.SendAsync(Of(type, Conversation())));
    }

    [Fact]
    public async Task MalformedJsonIsRejectedWithoutHarmingTheHost()
    {
        using var response = await Host.PostAsync("{ this is not json");

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
        Assert.Equal("answer", Kind((await Host.SendAsync(Message("what is marrow failure", Conversation()))).Last()));
    }

    [Fact]
    public async Task ClickingASuggestedFollowUpAnswersIt()
    {
        var conversation = Conversation();
        await Host.SendAsync(Message("hi", conversation));

        var followUp = await Host.SendAsync(Message("What causes marrow failure?", conversation));
        var next = (string)followUp.Last()["suggestedActions"]!["actions"]![0]!["value"]!;
        var answer = await Host.SendAsync(Message(next, conversation));

        Assert.Equal("answer", Kind(answer.Last()));
        Assert.NotEqual("causes", (string)Outcome(answer.Last())["intent"]!);
    }

    [Fact]
    public async Task PatientTextNeverAppearsInTheLogs()
    {
        const string Secret = "zanzibar-quokka-7731 what causes marrow failure";

        await Host.SendAsync(Message(Secret, Conversation()));

        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains("zanzibar", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Host.Logs.Lines, line => line.Contains("Reply Answer intent causes", StringComparison.Ordinal));
    }

    private static string Conversation() => "conv-" + Guid.NewGuid().ToString("N");
}

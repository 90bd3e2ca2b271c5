using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>The safety path through the real host: it runs first and survives every failure elsewhere.</summary>
public sealed class TriageEndpointTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private static readonly Dictionary<string, string?> Numbers = new()
    {
        ["Safety:EmergencyNumber"] = "999",
        ["Safety:CareTeamLineName"] = "the haematology hotline",
        ["Safety:CareTeamLineNumber"] = "0100 000 0000",
    };

    [Fact]
    public async Task AnEmergencyIsAnsweredWithTheEmergencyGuidanceFirstAndNothingElse()
    {
        var replies = await shared.Host.SendAsync(Message("my husband has collapsed and won't wake up", NewConversation()));

        var reply = Assert.Single(replies);
        var outcome = Outcome(reply);
        Assert.Equal("triage", (string)outcome["kind"]!);
        Assert.Equal("emergency", (string)outcome["triage"]!);
        Assert.Contains("neuro-collapse", outcome["categories"]!.Values<string>());
        Assert.StartsWith("**Call", (string)reply["text"]!);
    }

    [Fact]
    public async Task AnUrgentMessageWithAQuestionLeadsWithTheUrgentPathThenAnswers()
    {
        var replies = await shared.Host.SendAsync(Message("I have a fever of 38.5, what causes marrow failure?", NewConversation()));

        Assert.Equal("triage", Kind(replies[0]));
        Assert.Equal("urgent", (string)Outcome(replies[0])["triage"]!);
        Assert.Equal("answer", Kind(replies.Last()));
        Assert.Equal("causes", (string)Outcome(replies.Last())["intent"]!);
    }

    [Fact]
    public async Task AFeverQuestionGetsTheGuidanceWithoutTriage()
    {
        var replies = await shared.Host.SendAsync(Message("What should I do if I get a fever?", NewConversation()));

        var answer = replies.Last();
        Assert.Equal("answer", Kind(answer));
        Assert.Equal("none", (string)Outcome(answer)["triage"]!);
        Assert.Equal("guidance-fever", (string)Outcome(answer)["intent"]!);
    }

    [Fact]
    public async Task TheTriageLogRecordsTierAndCategoriesButNeverTheText()
    {
        await shared.Host.SendAsync(Message("quokka-5519 my gums won't stop bleeding", NewConversation()));

        Assert.Contains(shared.Host.Logs.Lines, l => l.Contains("Triage Urgent fired bleeding", StringComparison.Ordinal));
        Assert.DoesNotContain(shared.Host.Logs.Lines, l => l.Contains("quokka", StringComparison.OrdinalIgnoreCase) || l.Contains("gums", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhenStorageIsDownTheSafetyReplyStillGoesOut()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk gone"));
        storage.Setup(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk gone"));
        await using var host = await BotHost.StartAsync(services => services.AddSingleton(storage.Object), Numbers);

        var emergency = await host.SendAsync(Message("crushing chest pain", "conv-storage"));
        var question = await host.SendAsync(Message("what causes marrow failure?", "conv-storage"));

        Assert.Equal("emergency", (string)Outcome(emergency.Single())["triage"]!);
        Assert.Contains("999", (string)emergency.Single()["text"]!);
        Assert.Equal("answer", Kind(question.Last()));
    }

    [Fact]
    public async Task WhenTheClassifierFailsTheUrgentReplyIsKeptWithAnApology()
    {
        var classifier = new Mock<IIntentClassifier>();
        classifier.Setup(c => c.Predict(It.IsAny<string>())).Throws(new InvalidOperationException("model missing"));
        await using var host = await BotHost.StartAsync(services => services.AddSingleton(classifier.Object), Numbers);

        var replies = await host.SendAsync(Message("temp 38.9, why does this happen?", "conv-classifier"));

        Assert.Equal("triage", Kind(replies[0]));
        Assert.Contains("0100 000 0000", (string)replies[0]["text"]!);
        Assert.Equal("error", Kind(replies.Last()));
    }

    [Fact]
    public async Task WhenTheTriageEngineFailsTheReplyStillCarriesTheEmergencyLine()
    {
        var broken = new Mock<ITriageEngine>();
        broken.Setup(e => e.Assess(It.IsAny<string>(), It.IsAny<TriageContext?>())).Throws(new NullReferenceException());
        await using var host = await BotHost.StartAsync(
            services => services.AddSingleton<ITriageEngine>(new SafeTriageEngine(broken.Object, NullLogger<SafeTriageEngine>.Instance)),
            Numbers);

        var replies = await host.SendAsync(Message("what causes marrow failure?", "conv-triage-down"));

        Assert.Equal("triage", Kind(replies[0]));
        Assert.Contains("call 999 now", (string)replies[0]["text"]!);
    }

    [Fact]
    public async Task ARedFlagTypedDuringTheFollowUpRaisesTheTier()
    {
        var conversation = NewConversation();
        var first = await shared.Host.SendAsync(Message("I feel awful and hot", conversation));
        var buttons = first.First(r => Kind(r) == "triage")["suggestedActions"]!["actions"]!.Select(a => (string)a["value"]!).ToList();

        var second = await shared.Host.SendAsync(Message("I'm struggling to breathe", conversation));

        Assert.Contains("None of these", buttons);
        Assert.Equal("emergency", (string)Outcome(second.Single())["triage"]!);
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");
}

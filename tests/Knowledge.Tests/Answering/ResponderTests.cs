using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;
using Moq;

namespace MarrowBot.Knowledge.Tests.Answering;

public sealed class ResponderTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private readonly Mock<IIntentClassifier> _classifier = new(MockBehavior.Strict);

    private static KnowledgeBase Knowledge => SharedKnowledge.Knowledge;

    [Fact]
    public void AnswersAConfidentFaqIntentWithItsCuratedTextCitationsAndFollowUps()
    {
        Classify(("causes", 0.9f), ("genetic", 0.05f));
        var faq = Knowledge.FindFaq("causes")!;

        var reply = Single(Build().Respond("what causes it", Welcomed));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith(faq.Answer, reply.Text);
        Assert.Contains("[1]", reply.Text);
        Assert.Equal(faq.Passages, reply.Citations.Select(c => c.PassageId));
        Assert.Equal(faq.Sections, reply.Sections);
        Assert.Equal(faq.FollowUps.Take(3).Select(id => Knowledge.FindFaq(id)!.Question), reply.Suggestions.Select(s => s.Value));
        Assert.Equal("causes", reply.Intent);
        Assert.Equal(0.9f, reply.Confidence);
    }

    [Fact]
    public void AsksWhichTopicWasMeantWhenTwoFaqIntentsAreClose()
    {
        Classify(("tiredness", 0.30f), ("managing-energy", 0.28f), ("out-of-scope", 0.1f));

        var reply = Single(Build().Respond("energy tired", Welcomed));

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Equal(
            [Knowledge.FindFaq("tiredness")!.Question, Knowledge.FindFaq("managing-energy")!.Question],
            reply.Suggestions.Select(s => s.Value));
        Assert.Equal(Knowledge.FindFaq("tiredness")!.Sections.Union(Knowledge.FindFaq("managing-energy")!.Sections), reply.Sections);
    }

    [Theory]
    [InlineData("2", "managing-energy")]
    [InlineData("the first one", "tiredness")]
    public void APickedOptionAfterAClarifyingQuestionIsAnswered(string pick, string expected)
    {
        Classify(("tiredness", 0.30f), ("managing-energy", 0.28f));
        var responder = Build();
        var first = responder.Respond("energy tired", Welcomed);

        var reply = Single(responder.Respond(pick, first.Memory));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(expected, reply.Intent);
        Assert.Empty(responder.Respond(pick, first.Memory).Memory.PendingChoices);
    }

    [Fact]
    public void FallsBackToAStrongPassageMatchWhenTheClassifierIsUnsure()
    {
        Classify(("out-of-scope", 0.2f), ("help", 0.1f));
        var passage = Knowledge.Passages.First(p => p.Section == "stem-cell-perspective");

        var reply = Single(Build().Respond(passage.Text, Welcomed));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(MarrowBot.Knowledge.Answering.Responder.IntentRetrieval, reply.Intent);
        Assert.Contains(passage.Text, reply.Text);
        Assert.Equal(["stem-cell-perspective"], reply.Sections);
        Assert.Single(reply.Citations);
    }

    [Fact]
    public void DeclinesHonestlyWhenNothingMatchesAndPointsToTheCareTeam()
    {
        Classify(("out-of-scope", 0.2f), ("help", 0.1f));

        var reply = Single(Build().Respond("zebra crossing timetable", Welcomed));

        Assert.Equal(ReplyKind.Decline, reply.Kind);
        Assert.Equal(MarrowBot.Knowledge.Answering.Responder.IntentUnknown, reply.Intent);
        Assert.Contains("care team", reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public void DeclinesAConfidentOutOfScopeQuestionWithoutCitingAnything()
    {
        Classify(("out-of-scope", 0.8f));

        var reply = Single(Build().Respond("what dose of ciclosporin", Welcomed));

        Assert.Equal(ReplyKind.Decline, reply.Kind);
        Assert.Equal("out-of-scope", reply.Intent);
        Assert.Empty(reply.Sections);
        Assert.Contains(SafetyOptions.GenericEmergency, reply.Text);
    }

    [Fact]
    public void AskingForAHumanIsAHandoff()
    {
        Classify(("human-handoff", 0.8f));

        Assert.Equal(ReplyKind.Handoff, Single(Build().Respond("can i speak to a nurse", Welcomed)).Kind);
    }

    [Fact]
    public void AGreetingIsSmalltalkWithStarterQuestions()
    {
        Classify(("greeting", 0.9f));

        var reply = Single(Build().Respond("hiya", Welcomed));

        Assert.Equal(ReplyKind.Smalltalk, reply.Kind);
        Assert.NotEmpty(reply.Suggestions);
    }

    [Fact]
    public void TheFirstMessageOfAConversationIsPrecededByTheWelcome()
    {
        Classify(("causes", 0.9f));

        var result = Build().Respond("what causes it", ConversationMemory.New);

        Assert.Equal([ReplyKind.Welcome, ReplyKind.Answer], result.Replies.Select(r => r.Kind));
        Assert.True(result.Memory.Welcomed);
        Assert.Contains("emergency", result.Replies[0].Text);
        Assert.Contains("diagnose", result.Replies[0].Text);
    }

    [Fact]
    public void TheWelcomeUsesTheConfiguredEmergencyNumber()
    {
        var responder = Build(new SafetyOptions { EmergencyNumber = "999" });

        Assert.Contains("call 999", responder.Welcome().Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public void EmptyTextGetsAKindPromptWithoutCallingTheClassifier(string? text)
    {
        var reply = Single(Build().Respond(text, Welcomed));

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Equal(MarrowBot.Knowledge.Answering.Responder.IntentEmpty, reply.Intent);
        Assert.NotEmpty(reply.Suggestions);
    }

    [Theory]
    [InlineData("😢😢😢")]
    [InlineData("👍")]
    [InlineData("?!...")]
    public void EmojiOrSymbolsOnlyGetAKindPrompt(string text)
    {
        var reply = Single(Build().Respond(text, Welcomed));

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Contains("emoji", reply.Text);
    }

    [Theory]
    [InlineData("¿Qué causa la insuficiencia de la médula ósea?")]
    [InlineData("Quelles sont les causes de l'aplasie médullaire ?")]
    [InlineData("骨髄不全の原因は何ですか")]
    [InlineData("ما هي أسباب فشل نخاع العظم")]
    [InlineData("Dlaczego mam tak niski poziom płytek, czy to jest niewydolność szpiku?")]
    public void TextInAnotherLanguageIsDeclinedKindly(string text)
    {
        var reply = Single(Build().Respond(text, Welcomed));

        Assert.Equal(ReplyKind.Decline, reply.Kind);
        Assert.Equal(MarrowBot.Knowledge.Answering.Responder.IntentOtherLanguage, reply.Intent);
        Assert.Contains("English", reply.Text);
    }

    [Fact]
    public void AVeryLongMessageIsAnsweredWithoutThrowing()
    {
        Classify(("causes", 0.9f));
        var text = string.Concat(Enumerable.Repeat("what causes marrow failure ", 800))[..20_000];

        Assert.Equal(ReplyKind.Answer, Single(Build().Respond(text, Welcomed)).Kind);
    }

    [Fact]
    public void AnAttachmentWithoutTextIsAcknowledged()
    {
        var reply = Build().NoText();

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Contains("attachments", reply.Text);
    }

    [Fact]
    public void TheApologyPointsToTheCareTeamAndTheEmergencyNumber()
    {
        var apology = Responder.Apology(new SafetyOptions { EmergencyNumber = "112", CareTeamLineName = "the haematology hotline", CareTeamLineNumber = "0100 000" });

        Assert.Equal(ReplyKind.Error, apology.Kind);
        Assert.Contains("the haematology hotline on 0100 000", apology.Text);
        Assert.Contains("112", apology.Text);
    }

    private static Reply Single(TurnResult result) => Assert.Single(result.Replies);

    private Responder Build(SafetyOptions? contacts = null) => Responders.Build(_classifier.Object, contacts);

    private void Classify(params (string Intent, float Probability)[] ranked) =>
        _classifier.Setup(c => c.Predict(It.IsAny<string>())).Returns(new IntentPrediction(ranked.Select(r => new IntentScore(r.Intent, r.Probability)).ToList()));
}

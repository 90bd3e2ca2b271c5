using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;
using Moq;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>The "see your doctor" path through the responder, with the real triage engine.</summary>
public sealed class SafetyPathTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private static readonly SafetyOptions Configured = new()
    {
        EmergencyNumber = "999",
        CareTeamLineName = "the haematology hotline",
        CareTeamLineNumber = "0100 000 0000",
        CrisisLines = [new CrisisLine { Name = "Samaritans", Number = "116 123" }],
    };

    private readonly Mock<IIntentClassifier> _classifier = new(MockBehavior.Strict);

    [Fact]
    public void AnEmergencyGetsOnlyTheEmergencyReplyLeadingWithTheNumber()
    {
        var result = Turn("I have crushing chest pain, what causes marrow failure?", ConversationMemory.New);

        var reply = Assert.Single(result.Replies);
        Assert.Equal(ReplyKind.Triage, reply.Kind);
        Assert.Equal(TriageTier.Emergency, reply.Triage);
        Assert.StartsWith("**Call 999 now**", reply.Text);
        Assert.Contains("chest-pain", reply.TriageCategories);
        Assert.Equal([SafetyReplies.Called, SafetyReplies.WhoToCall, SafetyReplies.SomeoneElse], reply.Suggestions.Select(s => s.Value));
        Assert.Equal(TriageTier.Emergency, result.Memory.EscalatedTier);
        _classifier.VerifyNoOtherCalls();
    }

    [Fact]
    public void SelfHarmAlsoGivesTheCrisisLines()
    {
        var reply = Turn("I want to end my life tonight", Welcomed).Replies.Single();

        Assert.Equal(TriageTier.Emergency, reply.Triage);
        Assert.Contains("999", reply.Text);
        Assert.Contains("Samaritans on 116 123", reply.Text);
    }

    [Fact]
    public void AnUrgentStatementWithAQuestionLeadsWithTheCareTeamThenAnswers()
    {
        Classify("causes", 0.9f);

        var replies = Turn("I have a fever of 38.5, what causes marrow failure?", Welcomed).Replies;

        Assert.Equal([ReplyKind.Triage, ReplyKind.Answer], replies.Select(r => r.Kind));
        Assert.StartsWith("**Contact the haematology hotline on 0100 000 0000 now.**", replies[0].Text);
        Assert.Contains("999", replies[0].Text);
        Assert.Contains("38 °C", replies[0].Text);
        Assert.Equal(TriageTier.Urgent, replies[0].Triage);
        Assert.Equal("causes", replies[1].Intent);
    }

    [Fact]
    public void AFeverQuestionIsAnsweredWithTheGuidanceAndNoTriage()
    {
        Classify("guidance-fever", 0.9f);

        var reply = Turn("What should I do if I get a fever?", Welcomed).Replies.Single();

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(TriageTier.None, reply.Triage);
        Assert.Contains("contact the haematology hotline on 0100 000 0000 straight away", reply.Text);
        Assert.Contains("38 °C", reply.Text);
        Assert.DoesNotContain("{", reply.Text);
    }

    [Fact]
    public void ARedFlagInTheMiddleOfAClarifyingQuestionInterruptsIt()
    {
        var memory = Welcomed with { PendingChoices = ["tiredness", "managing-energy"] };

        var result = Turn("my son is having a seizure", memory);

        Assert.Equal(TriageTier.Emergency, Assert.Single(result.Replies).Triage);
        Assert.Empty(result.Memory.PendingChoices);
    }

    [Fact]
    public void AVagueMessageAsksTheDecidingQuestionsWhileShowingTheCareTeamLine()
    {
        var result = Turn("I feel awful and hot", Welcomed);

        var reply = Assert.Single(result.Replies);
        Assert.Equal(TriageTier.Urgent, reply.Triage);
        Assert.Contains("the haematology hotline", reply.Text);
        Assert.Contains(reply.Suggestions, s => s.Value == "I'm struggling to breathe");
        Assert.Contains(reply.Suggestions, s => s.Value == SafetyReplies.NoneOfThese);
        Assert.NotNull(result.Memory.FollowUp);
    }

    [Fact]
    public void AFollowUpAnswerCanRaiseTheTier()
    {
        var first = Turn("I feel awful and hot", Welcomed);

        var second = Turn("I'm shaking and feel like I might collapse", first.Memory);

        Assert.Equal(TriageTier.Emergency, Assert.Single(second.Replies).Triage);
    }

    [Fact]
    public void AFollowUpAnswerNeverLowersTheTierReached()
    {
        var first = Turn("I feel awful and hot", Welcomed);

        var second = Turn(SafetyReplies.NoneOfThese, first.Memory);

        var reply = Assert.Single(second.Replies);
        Assert.Equal(TriageTier.Urgent, reply.Triage);
        Assert.Contains("still", reply.Text);
        Assert.Null(second.Memory.FollowUp);
    }

    [Fact]
    public void ALongNewQuestionAfterTheFollowUpIsAnsweredOnItsOwn()
    {
        Classify("causes", 0.9f);
        var first = Turn("I feel awful and hot", Welcomed);

        var second = Turn("sorry, different thing: what causes marrow failure in the first place?", first.Memory);

        Assert.Equal([ReplyKind.Answer], second.Replies.Select(r => r.Kind));
        Assert.Null(second.Memory.FollowUp);
        Assert.Equal(TriageTier.Urgent, second.Memory.EscalatedTier);
    }

    [Fact]
    public void ATemperatureTypedAsABareNumberAnswersTheFollowUp()
    {
        var engine = SharedTriage.Engine(Configured);
        var first = Turn("I just feel really unwell", Welcomed);
        Assert.NotNull(first.Memory.FollowUp);

        var triage = engine.Assess("38.6", new TriageContext { ExpectingTemperature = true });
        var second = Build().Respond("38.6", first.Memory, triage);

        Assert.Equal(TriageTier.Urgent, second.Replies.Single().Triage);
        Assert.Contains("fever", second.Replies.Single().TriageCategories);
    }

    [Fact]
    public void WhoShouldICallRepeatsTheNumbers()
    {
        var first = Turn("my husband collapsed", Welcomed);

        var reply = Turn(SafetyReplies.WhoToCall, first.Memory).Replies.Single();

        Assert.Equal(ReplyKind.Triage, reply.Kind);
        Assert.Contains("999", reply.Text);
        Assert.Contains("0100 000 0000", reply.Text);
        Assert.Contains("116 123", reply.Text);
    }

    [Fact]
    public void WhenTriageFailedTheReplyStillCarriesTheEmergencyLine()
    {
        var reply = Build().Respond("anything", Welcomed, SafeTriageEngine.Failed).Replies.First();

        Assert.Equal(ReplyKind.Triage, reply.Kind);
        Assert.Contains("call 999 now", reply.Text);
        Assert.Equal(TriageTier.Urgent, reply.Triage);
    }

    [Fact]
    public void UnsetNumbersFallBackToSafeGenericWording()
    {
        var reply = new SafetyReplies(SharedTriage.Lexicon, Options.Create(new SafetyOptions())).For(TriageTier.Urgent, ["fever"], askFollowUp: false);

        Assert.Contains(SafetyOptions.GenericCareTeam, reply.Text);
        Assert.Contains(SafetyOptions.GenericEmergency, reply.Text);
    }

    [Fact]
    public void NoSafetyReplyEverSaysYouAreFineOrToWait()
    {
        var safety = new SafetyReplies(SharedTriage.Lexicon, Options.Create(Configured));
        var texts = Enum.GetValues<TriageTier>().Where(t => t > TriageTier.None)
            .SelectMany(t => SharedTriage.Lexicon.Why.Keys.Select(c => safety.For(t, [c], askFollowUp: true).Text));

        Assert.All(texts, t =>
        {
            Assert.DoesNotContain("you are fine", t, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("you're fine", t, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("wait and see", t, StringComparison.OrdinalIgnoreCase);
        });
    }

    private TurnResult Turn(string text, ConversationMemory memory) =>
        Build().Respond(text, memory, SharedTriage.Engine(Configured).Assess(text, memory.FollowUp is null ? null : new TriageContext { ExpectingTemperature = true }));

    private Responder Build() => Responders.Build(_classifier.Object, Configured);

    private void Classify(string intent, float probability) =>
        _classifier.Setup(c => c.Predict(It.IsAny<string>())).Returns(new IntentPrediction([new IntentScore(intent, probability)]));
}

using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;
using Moq;

namespace MarrowBot.Knowledge.Tests.Answering;

public sealed class ForgetMeTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };
    private readonly Mock<IIntentClassifier> _classifier = new();

    public ForgetMeTests() =>
        _classifier.Setup(c => c.Predict(It.IsAny<string>())).Returns(new IntentPrediction([new IntentScore("causes", 0.9f)]));

    [Theory]
    [InlineData("forget me")]
    [InlineData("Please delete my data")]
    [InlineData("can you delete this conversation")]
    [InlineData("I want the right to be forgotten")]
    public void AskingToBeForgottenAsksForConfirmationFirst(string text)
    {
        var result = Turn(text, Welcomed);

        var reply = Assert.Single(result.Replies);
        Assert.Equal(ForgetMe.Intent, reply.Intent);
        Assert.Contains("can't be undone", reply.Text);
        Assert.Equal([ForgetMe.Confirm, ForgetMe.Cancel], reply.Suggestions.Select(s => s.Value));
        Assert.True(result.Memory.PendingForget);
        Assert.False(result.ForgetConversation);
    }

    [Fact]
    public void ConfirmingDeletesTheConversationAndSaysSo()
    {
        var asked = Turn("forget me", Welcomed);

        var result = Turn(ForgetMe.Confirm, asked.Memory);

        Assert.True(result.ForgetConversation);
        Assert.Contains("deleted", Assert.Single(result.Replies).Text);
        Assert.False(result.Memory.PendingForget);
    }

    [Theory]
    [InlineData(ForgetMe.Cancel)]
    [InlineData("no")]
    public void DecliningKeepsEverything(string answer)
    {
        var asked = Turn("delete my data", Welcomed);

        var result = Turn(answer, asked.Memory);

        Assert.False(result.ForgetConversation);
        Assert.Contains("haven't deleted", Assert.Single(result.Replies).Text);
    }

    [Fact]
    public void AnotherQuestionCancelsThePendingConfirmation()
    {
        var asked = Turn("forget me", Welcomed);

        var result = Turn("what causes marrow failure?", asked.Memory);

        Assert.False(result.ForgetConversation);
        Assert.False(result.Memory.PendingForget);
        Assert.Equal("causes", result.Replies.Single().Intent);
    }

    [Fact]
    public void AnEmergencyDuringTheConfirmationComesFirstAndDeletesNothing()
    {
        var asked = Turn("forget me", Welcomed);

        var result = Turn("yes delete it, my husband has collapsed", asked.Memory);

        Assert.False(result.ForgetConversation);
        Assert.Equal(TriageTier.Emergency, Assert.Single(result.Replies).Triage);
    }

    private TurnResult Turn(string text, ConversationMemory memory) =>
        Responders.Build(_classifier.Object)
        .Respond(text, memory, SharedTriage.Engine().Assess(text));
}

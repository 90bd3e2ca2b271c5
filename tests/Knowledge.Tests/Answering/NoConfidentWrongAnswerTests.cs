using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// Issue 10, point 8: a reply that opens with yes or no answers only the question it was written for, and a question
/// about something the article never covers is declined rather than handed a neighbouring passage.
/// </summary>
public sealed class NoConfidentWrongAnswerTests
{
    [Theory]
    [InlineData("is it cancer?")]
    [InlineData("can my kids inherit it")]
    public void APolarQuestionMatchedToAnotherEntryGetsNoYesOrNoOpener(string question)
    {
        var reply = SharedMeaning.Responder().Respond(question, ConversationMemory.New with { Welcomed = true }).Replies[^1];

        Assert.DoesNotMatch("^(?i)(yes|no)\\b", reply.Text);
    }

    [Fact]
    public void TheQuestionAnEntryWasWrittenForKeepsItsYes()
    {
        var reply = SharedMeaning.Responder().Respond("is it genetic?", ConversationMemory.New with { Welcomed = true }).Replies[^1];

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith("Yes", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's a stem cell transplant")]
    [InlineData("how much does a transplant cost")]
    [InlineData("what dose of prednisolone is normal")]
    public void AQuestionAboutATopicTheArticleNeverCoversIsDeclinedNotAnsweredWithAPassage(string question)
    {
        var reply = SharedMeaning.Responder().Respond(question, ConversationMemory.New with { Welcomed = true }).Replies[^1];

        Assert.Equal(ReplyKind.Decline, reply.Kind);
        Assert.Empty(reply.Citations);
    }

    [Theory]
    [InlineData("Yes, marrow failure can come about in many ways.", "Marrow failure can come about in many ways.")]
    [InlineData("Yes. Marrow failure can come about in many ways.", "Marrow failure can come about in many ways.")]
    [InlineData("No, marrow failure is not one single disease.", "Marrow failure is not one single disease.")]
    [InlineData("Yes, it can. Your bone marrow is the body's blood factory.", "Your bone marrow is the body's blood factory.")]
    [InlineData("Not quite. Blood tests show low levels.", "Blood tests show low levels.")]
    [InlineData("Marrow failure starts quietly.", "Marrow failure starts quietly.")]
    [InlineData("Yesterday's tests are not covered.", "Yesterday's tests are not covered.")]
    public void TheOpenerIsTakenOffAndTheRestOfTheAnswerKept(string answer, string stripped) =>
        Assert.Equal(stripped, PolarOpener.Strip(answer));

    [Theory]
    [InlineData("is it cancer?", true)]
    [InlineData("Can my kids inherit it", true)]
    [InlineData("my son was diagnosed last week. does it run in families?", true)]
    [InlineData("what causes it", false)]
    [InlineData("how is it treated?", false)]
    public void YesNoQuestionsAreThoseThatStartWithAnAuxiliaryVerb(string question, bool polar) =>
        Assert.Equal(polar, PolarOpener.IsPolarQuestion(question));

    [Fact]
    public void TheUncoveredTopicsAreWordsOfTheOutOfScopeExemplarsThatTheContentNeverUses()
    {
        var known = KnownTerms.From(SharedKnowledge.Knowledge);

        Assert.Contains("transplant", known.Uncovered);
        Assert.DoesNotContain("marrow", known.Uncovered);
        Assert.DoesNotContain("tired", known.Uncovered);
        Assert.True(known.Knows("tierd"), "a misspelling of a known word is known");
    }
}

using System.ComponentModel.DataAnnotations;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// Issue 9, defect 5 and the per-message text cap: malformed characters and very long messages get a real, kind
/// answer (never the apology), and triage still reads every character.
/// </summary>
public sealed class BoundedInputTests
{
    private static readonly ConversationMemory Welcomed = ConversationMemory.New with { Welcomed = true };

    public static TheoryData<string> Malformed => new()
    {
        "what causes marrow failure?\uFFFE",
        "what causes \uFFFF marrow failure?",
        "what causes marrow failure? \uD800",
        "what causes marrow \uDC00failure?",
        "\uFDD0what causes marrow failure?",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AnswersAQuestionThatCarriesNonCharactersOrLoneSurrogates(string text)
    {
        var result = Turn(text, Responders.Build(SharedKnowledge.Classifier));

        var reply = Assert.Single(result.Replies);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("causes", reply.Intent);
    }

    [Fact]
    public void AnswersAQuestionWhoseLookAlikeLettersAreFolded()
    {
        var reply = Assert.Single(Turn("wh\u0430t c\u0430uses m\u0430rrow f\u0430ilure?", Responders.Build(SharedKnowledge.Classifier)).Replies);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("causes", reply.Intent);
    }

    [Fact]
    public void ALongMessageThatStartsWithAQuestionIsAnsweredFromItsFirstPartAndSaysSo()
    {
        var text = "What causes marrow failure? " + Filler(20_000);

        var reply = Assert.Single(Turn(text, Responders.Build(SharedKnowledge.Classifier)).Replies);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("causes", reply.Intent);
        Assert.StartsWith(Responder.LongMessagePreface, reply.Text);
    }

    [Fact]
    public void ALongMessageWithoutAQuestionAtItsStartIsAskedForItInASentenceOrTwo()
    {
        var reply = Assert.Single(Turn(Filler(20_000), Responders.Build(SharedKnowledge.Classifier)).Replies);

        Assert.Equal(ReplyKind.Clarify, reply.Kind);
        Assert.Equal(Responder.IntentLongMessage, reply.Intent);
        Assert.Contains("a sentence or two", reply.Text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Suggestions);
    }

    [Fact]
    public void AMessageAtTheCapIsNotTreatedAsLong()
    {
        var options = new ResponderOptions { MaxMessageChars = 2000 };
        var text = "What causes marrow failure? ";
        text += Filler(2000 - text.Length);

        var reply = Assert.Single(Turn(text, Responders.Build(SharedKnowledge.Classifier, answering: options)).Replies);

        Assert.Equal(2000, text.Length);
        Assert.NotEqual(Responder.IntentLongMessage, reply.Intent);
        Assert.DoesNotContain(Responder.LongMessagePreface, reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void TriageFindsARedFlagAnywhereInAMessageOfTwentyThousandCharacters(double where)
    {
        var filler = Filler(20_000);
        var at = filler.IndexOf(". ", (int)(filler.Length * where), StringComparison.Ordinal) + 2;
        var text = filler[..at] + "My dad has collapsed and is not breathing. " + filler[at..];

        var triage = SharedTriage.Engine().Assess(text);
        var result = Responders.Build(SharedKnowledge.Classifier).Respond(text, Welcomed, triage);

        Assert.Equal(TriageTier.Emergency, triage.Tier);
        Assert.Equal([ReplyKind.Triage], result.Replies.Select(r => r.Kind));
        Assert.Contains(triage.Evidence, e => text.Substring(e.Start, e.Length).Contains("collapsed", StringComparison.Ordinal));
    }

    [Fact]
    public void AMegabyteMessageIsTriagedInFullAndAnsweredKindly()
    {
        var filler = Filler(1_000_000);
        var text = filler + " Now his lips are blue and he can't breathe.";

        var triage = SharedTriage.Engine().Assess(text);
        var calm = Turn(filler, Responders.Build(SharedKnowledge.Classifier));

        Assert.Equal(TriageTier.Emergency, triage.Tier);
        Assert.Equal([ReplyKind.Clarify], calm.Replies.Select(r => r.Kind));
    }

    [Theory]
    [InlineData(199)]
    [InlineData(1_000_001)]
    public void RejectsACapOutsideItsRange(int cap)
    {
        var options = new ResponderOptions { MaxMessageChars = cap };

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    private static TurnResult Turn(string text, Responder responder) =>
        responder.Respond(text, Welcomed, SharedTriage.Engine().Assess(text));

    /// <summary>Calm, rambling text with nothing to triage and no question, repeated to the length wanted.</summary>
    private static string Filler(int length)
    {
        const string sentence = "We went to the garden centre and then had lunch with my sister, the weather was lovely all afternoon. ";
        var builder = new System.Text.StringBuilder(length + sentence.Length);
        while (builder.Length < length)
        {
            builder.Append(sentence);
        }

        return builder.ToString(0, length);
    }
}

using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>
/// The turn's budget of word pieces (ADR 0023) as triage and answer selection share it, with the real MiniLM
/// encoder: a long message gives the encoder about what two short sentences do, and the rules still read all of it.
/// </summary>
public sealed class MeaningTriageBudgetTests
{
    private const string Chatter =
        "we drove to the clinic this morning and the traffic was awful, the car park was full again, " +
        "my sister came along with the kids and we had lunch in the cafe, the nurse on the ward was lovely. ";

    private static MeaningTriageEngine Engine => SharedMeaningTriage.Engine;

    private static MeaningIndex Index => SharedMeaningTriage.Services.GetRequiredService<MeaningIndex>();

    private static int Tokens(IEnumerable<string> pieces) => pieces.Sum(p => EmbeddingText.EstimatedTokens(p));

    [Theory]
    [InlineData(300)]
    [InlineData(1_000)]
    [InlineData(2_000)]
    public void ALongMessagesEncodingStaysWithinTheTurnsBudget(int length)
    {
        var text = LongMessages.Repeat(Chatter, length) + " my gums keep oozing when I brush. how long does treatment take?";

        var triage = SharedMeaningTriage.Host.Assess(text);
        var answer = Index.PiecesOf(text, triage.EncodedTokens);

        Assert.Equal(Tokens(Engine.EncodedFor(text)), triage.EncodedTokens);
        Assert.InRange(triage.EncodedTokens, 1, TurnBudget.ForTriage(Engine.MaxTokensPerTurn));
        Assert.InRange(triage.EncodedTokens + Tokens(answer), 1, Engine.MaxTokensPerTurn);
    }

    [Fact]
    public void ASymptomLateInALongMessageIsComparedBeforeTheChatter()
    {
        var text = LongMessages.Repeat(Chatter, 1_500) + ". my gums keep oozing when I brush.";
        Assert.True(SharedTriage.Engine().Assess(text).Tier < TriageTier.Urgent, "the rules alone catch this one: it shows nothing about the budget");

        var encoded = Engine.EncodedFor(text);
        var result = SharedMeaningTriage.Host.Assess(text);

        Assert.Contains("my gums keep oozing when i brush", encoded, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(TriageTier.Urgent, result.Tier);
    }

    [Fact]
    public void ARedFlagLateInALongMessageIsStillCaughtByTheRules()
    {
        var text = LongMessages.Repeat(Chatter, 4_000) + ". then my dad collapsed and he is not breathing.";

        var result = SharedMeaningTriage.Host.Assess(text);

        Assert.Equal(TriageTier.Emergency, result.Tier);
        Assert.Contains(result.Evidence, e => e.Start > 4_000);
    }

    [Fact]
    public void AShortSymptomMessageIsComparedWholeAsBefore()
    {
        const string text = "my gums keep oozing when I brush";

        var result = SharedMeaningTriage.Host.Assess(text);

        Assert.Equal(TriageTier.Urgent, result.Tier);
        Assert.Equal(EmbeddingText.EstimatedTokens(Assert.Single(Engine.EncodedFor(text))), result.EncodedTokens);
    }

    [Fact]
    public void AQuestionGivesTheEncoderNothingForTriage() =>
        Assert.Equal(0, SharedMeaningTriage.Host.Assess("what causes marrow failure?").EncodedTokens);
}

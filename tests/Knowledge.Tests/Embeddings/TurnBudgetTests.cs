using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Embeddings;

/// <summary>A turn's budget of word pieces (ADR 0023): what a long message gives the encoder, and what it keeps whole.</summary>
public sealed class TurnBudgetTests
{
    private const int Budget = TurnBudget.DefaultMaxTokens;
    private const int MaxClauses = 8;

    private const string Rambling =
        "sorry for the long message. my dad was diagnosed last spring and we have been back and forth to the clinic ever since. " +
        "the nurses have been lovely and the car park is a nightmare as always. he has had two transfusions this month already. " +
        "how long does aplastic anaemia treatment usually take? my sister thinks we should get a second opinion. anyway thanks for reading.";

    [Fact]
    public void AMessageWithinTheBudgetIsEmbeddedWholeAsBefore()
    {
        const string text = "how long does aplastic anaemia treatment usually take?";

        Assert.Equal(EmbeddingText.Pieces(text, MaxClauses), EmbeddingText.Selected(text, Budget, MaxClauses));
        Assert.False(TurnBudget.IsOver(text, Budget));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(64)]
    public void ALongMessagesAnswerPiecesStayWithinTheAnswersShare(int spentByTriage)
    {
        var share = TurnBudget.ForAnswer(Budget, spentByTriage);

        var pieces = EmbeddingText.Selected(Rambling, share, MaxClauses);

        Assert.True(TurnBudget.IsOver(Rambling, Budget));
        Assert.InRange(pieces.Sum(p => EmbeddingText.EstimatedTokens(p)), 1, share);
    }

    [Fact]
    public void TheSentenceThatAsksTheQuestionIsChosenFirst()
    {
        var least = EmbeddingText.Selected(Rambling, TurnBudget.ForAnswer(Budget, TurnBudget.ForTriage(Budget)), MaxClauses);
        var tight = EmbeddingText.Selected(Rambling, 20, MaxClauses);

        Assert.Contains("how long does aplastic anaemia treatment usually take", least);
        Assert.Equal(["how long does aplastic anaemia treatment usually take"], tight);
    }

    [Fact]
    public void WithoutAQuestionTheFirstSentenceIsChosen()
    {
        var text = LongMessages.Repeat("we went for a walk in the park and then had lunch by the river with the dog. ", 600);

        var pieces = EmbeddingText.Selected(text, 32, MaxClauses);

        Assert.StartsWith("we went for a walk", pieces[0], StringComparison.Ordinal);
        Assert.InRange(pieces.Sum(p => EmbeddingText.EstimatedTokens(p)), 1, 32);
    }

    [Theory]
    [InlineData("does it hurt")]
    [InlineData("Is it catching")]
    [InlineData("what's a marrow biopsy like")]
    [InlineData("how's the recovery")]
    public void ASentenceOpeningWithAQuestionWordLooksLikeAQuestion(string sentence) =>
        Assert.True(EmbeddingText.LooksLikeQuestion(sentence, endedInQuestionMark: false));

    [Fact]
    public void ASentenceOpeningWithAnythingElseDoesNotLookLikeAQuestion() =>
        Assert.False(EmbeddingText.LooksLikeQuestion("the nurses have been lovely", endedInQuestionMark: false));

    [Fact]
    public void OneUnbrokenWordOverTheBudgetIsCutToFit()
    {
        var pieces = EmbeddingText.Selected(new string('a', 5_000), 32, MaxClauses);

        Assert.InRange(pieces.Sum(p => EmbeddingText.EstimatedTokens(p)), 1, 32);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(96)]
    [InlineData(4096)]
    public void TriageAndTheAnswerTogetherStayWithinTheTurnsBudget(int budget)
    {
        var triage = TurnBudget.ForTriage(budget);

        Assert.InRange(triage + TurnBudget.ForAnswer(budget, triage), 1, budget);
        Assert.True(TurnBudget.ForAnswer(budget, triage) >= budget / 3, "the answer is always left a third");
    }

    [Fact]
    public void PiecesOfVeryDifferentLengthsAreEncodedInSeparateBatches()
    {
        string[] pieces = ["I feel dizzy", "my legs are covered in spots", LongMessages.Repeat("what should I ask the haematologist about treatment ", 300)];

        var batches = SentenceEmbeddingGenerator.Batches(pieces).ToList();

        Assert.Equal(2, batches.Count);
        Assert.Equal(["I feel dizzy", "my legs are covered in spots"], batches[0]);
        Assert.Equal(pieces.Order(StringComparer.Ordinal), batches.SelectMany(b => b).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EachPieceKeepsItsVectorWhateverItsBatch()
    {
        var seen = new List<int>();
        using var generator = new SentenceEmbeddingGenerator(new FakeSentenceEncoder(batch => { seen.Add(batch.Length); return [.. batch.Select(Vector)]; }), "fake", MaxClauses);
        string[] texts = ["I feel dizzy", LongMessages.Repeat("what should I ask the haematologist about treatment ", 300)];

        var vectors = await generator.GenerateAsync(texts);

        Assert.Equal([1, 1], seen);
        Assert.Equal(Vector(texts[0]), vectors[0].Vector.ToArray());
        Assert.Equal(Vector(texts[1]), vectors[1].Vector.ToArray());
    }

    /// <summary>A unit vector that depends on the text's length only.</summary>
    private static float[] Vector(string text)
    {
        var vector = new float[SentenceEmbeddingGenerator.Dimensions];
        vector[text.Length % vector.Length] = 1;
        return vector;
    }
}

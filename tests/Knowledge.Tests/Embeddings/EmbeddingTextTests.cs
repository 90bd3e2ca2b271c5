using System.Text.Json;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Embeddings;

/// <summary>How a message is cut for the encoder: whole when short, by clause and capped when long, always within the model's input.</summary>
public sealed class EmbeddingTextTests
{
    private const int MaxClauses = 8;

    public static TheoryData<string, string> TwentyThousandCharacters => new()
    {
        { "an anxious long message", LongMessages.Anxious(20_000) },
        { "one unbroken word", LongMessages.Repeat("marrow", 20_000) },
        { "punctuation", LongMessages.Repeat("-", 20_000) },
        { "sentence breaks only", LongMessages.Repeat("?!", 20_000) },
        { "emoji", LongMessages.Repeat("😭", 20_000) },
        { "numbers", LongMessages.Repeat("38.5 39 ", 20_000) },
        { "lone surrogates before spaces", LongMessages.Repeat("\ud800 ", 20_000) },
        { "commas", LongMessages.Repeat("a,", 20_000) },
    };

    [Fact]
    public void AShortMessageIsOnePieceAsItStands()
    {
        Assert.Equal(["what causes marrow failure?"], EmbeddingText.Pieces("  what causes marrow failure?  ", MaxClauses));
    }

    [Fact]
    public void AnEmptyMessageIsOneEmptyPiece()
    {
        Assert.Equal([string.Empty], EmbeddingText.Pieces(null, MaxClauses));
    }

    [Theory]
    [MemberData(nameof(TwentyThousandCharacters))]
    public void ATwentyThousandCharacterMessageIsCutIntoFewPiecesEachWithinTheModelsInput(string kind, string text)
    {
        var pieces = EmbeddingText.Pieces(text, MaxClauses);

        Assert.InRange(pieces.Count, 1, MaxClauses);
        Assert.All(pieces, piece =>
        {
            Assert.False(string.IsNullOrWhiteSpace(piece), $"{kind}: an empty piece");
            Assert.InRange(piece.Length, 1, EmbeddingText.MaxPieceChars);
            Assert.InRange(EmbeddingText.EstimatedTokens(piece), 1, EmbeddingText.MaxPieceTokens);
            if (!kind.StartsWith("lone", StringComparison.Ordinal))
            {
                Assert.False(char.IsHighSurrogate(piece[^1]) || char.IsLowSurrogate(piece[0]), $"{kind}: a surrogate pair cut in two");
            }
        });
    }

    [Fact]
    public void ALoneSurrogateBeforeALongWordDoesNotEmptyThePieces()
    {
        // Cutting before the space moved the cut back off the surrogate to the very start: eight empty pieces.
        var text = "\ud800 " + new string('x', 2_000) + ". and then what causes it";

        var pieces = EmbeddingText.Pieces(text, MaxClauses);

        Assert.All(pieces, p => Assert.NotEqual(string.Empty, p.Trim()));
        Assert.Equal("and then what causes it", pieces[^1]);
    }

    [Fact]
    public void ALongMessageIsCutAtItsSentencesAndKeepsTheirOrder()
    {
        var text = string.Join(" ", Enumerable.Range(1, 60).Select(i => $"This is sentence number {i} of a very long message about my tiredness."));

        var pieces = EmbeddingText.Pieces(text, MaxClauses);

        Assert.Equal(MaxClauses, pieces.Count);
        Assert.Equal("This is sentence number 1 of a very long message about my tiredness", pieces[0]);
        Assert.Equal("This is sentence number 8 of a very long message about my tiredness", pieces[^1]);
    }

    [Fact]
    public void TheContentAndTheEvaluationSetsUpTo480CharactersStayWhole()
    {
        var texts = SharedKnowledge.Knowledge.Passages.Select(p => $"{p.Title}. {p.Text}")
            .Concat(TrainingExample.From(SharedKnowledge.Knowledge).Select(e => e.Text))
            .Concat(EvaluationTexts())
            .Where(t => t.Trim().Length <= EmbeddingText.MaxPieceChars)
            .ToList();

        Assert.True(texts.Count > 1000, "the sets were not found");
        Assert.All(texts, t => Assert.Single(EmbeddingText.Pieces(t, MaxClauses)));
    }

    /// <summary>Every "text" string in the evaluation files: what people are expected to type.</summary>
    private static IEnumerable<string> EvaluationTexts()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Evaluation(string.Empty), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var text in Texts(document.RootElement))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().SelectMany(Texts);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return element.EnumerateObject().SelectMany(p => p.Name == "text" && p.Value.ValueKind == JsonValueKind.String
            ? new[] { p.Value.GetString()! }
            : Texts(p.Value));
    }
}

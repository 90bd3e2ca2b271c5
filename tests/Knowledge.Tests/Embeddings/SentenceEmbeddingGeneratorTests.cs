using System.Numerics.Tensors;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Tests.Support;
using Microsoft.Extensions.AI;

namespace MarrowBot.Knowledge.Tests.Embeddings;

/// <summary>Whatever a person types, the real MiniLM encoder gives one finite unit vector and never throws.</summary>
public sealed class SentenceEmbeddingGeneratorTests(MiniLmFixture model) : IClassFixture<MiniLmFixture>
{
    public static TheoryData<string, string> OddMessages => new()
    {
        { "empty", string.Empty },
        { "whitespace", " \t\r\n " },
        { "emoji only", "😭😭🙏🏽❤️‍🔥" },
        { "Spanish", "¿Qué es la aplasia medular y cómo se trata?" },
        { "Chinese", "骨髓衰竭是什么意思？" },
        { "Arabic", "ما هو فشل نخاع العظم؟" },
        { "Russian", "что такое апластическая анемия" },
        { "control characters", "\u0000\u0001\u0007\u001b[31mhelp\u001b[0m\u007f\u0085" },
        { "lone surrogates", "bruises \ud800 everywhere \udc00" },
        { "zero-width and direction marks", "\u200b\u200d\u202eyreve\u202c\ufeff" },
        { "combining marks", "z̸̢̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭a̸̢̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭l̸̢̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭g̸̢̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭ơ̸̢̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭" },
        { "one long word", new string('a', 5_000) },
    };

    public static TheoryData<string, string> TwentyThousandCharacters => new()
    {
        { "an anxious long message", LongMessages.Anxious(20_000) },
        { "one unbroken word", LongMessages.Repeat("marrow", 20_000) },
        { "punctuation", LongMessages.Repeat("-", 20_000) },
        { "sentence breaks only", LongMessages.Repeat("?!", 20_000) },
        { "emoji", LongMessages.Repeat("😭", 20_000) },
        { "numbers", LongMessages.Repeat("38.5 39 ", 20_000) },
    };

    [Theory]
    [MemberData(nameof(OddMessages))]
    public async Task OddTextBecomesAFiniteUnitVectorWithoutThrowing(string kind, string text)
    {
        var vector = await model.Generator.GenerateVectorAsync(text);

        AssertFiniteUnit(vector.Span, kind);
    }

    [Theory]
    [MemberData(nameof(TwentyThousandCharacters))]
    public async Task ATwentyThousandCharacterMessageBecomesAFiniteUnitVector(string kind, string text)
    {
        Assert.Equal(20_000, text.Length);

        var vector = await model.Generator.GenerateVectorAsync(text);

        AssertFiniteUnit(vector.Span, kind);
    }

    [Fact]
    public async Task ABatchGivesOneVectorPerTextInOrder()
    {
        string[] texts = ["what causes marrow failure", string.Empty, LongMessages.Anxious(20_000), "😭"];

        var batch = await model.Generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await model.Generator.GenerateVectorAsync(texts[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(alone.Span, batch[i].Vector.Span) > 0.999f, $"text {i} differs alone and in a batch");
        }
    }

    [Fact]
    public async Task SimilarQuestionsAreCloserThanUnrelatedOnes()
    {
        var question = await model.Generator.GenerateVectorAsync("what causes bone marrow failure");
        var paraphrase = await model.Generator.GenerateVectorAsync("why does the marrow stop working");
        var unrelated = await model.Generator.GenerateVectorAsync("what time does the car park close");

        Assert.True(TensorPrimitives.Dot(question.Span, paraphrase.Span) > TensorPrimitives.Dot(question.Span, unrelated.Span) + 0.2f);
    }

    [Fact]
    public void ItNamesItsModelAndDimensions()
    {
        var metadata = model.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("all-MiniLM-L6-v2", metadata?.DefaultModelId);
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }

    private static void AssertFiniteUnit(ReadOnlySpan<float> vector, string kind)
    {
        Assert.Equal(SentenceEmbeddingGenerator.Dimensions, vector.Length);
        foreach (var value in vector)
        {
            Assert.True(float.IsFinite(value), $"{kind}: a value is not finite");
        }

        Assert.InRange(TensorPrimitives.Norm(vector), 0.999f, 1.001f);
    }
}

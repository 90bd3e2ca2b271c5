using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Understanding;

/// <summary>The content's meaning with the real MiniLM model: built once, then read back from the vector cache.</summary>
public sealed class MeaningIndexTests(MiniLmFixture model) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void ARestartWithTheSameContentAndModelReadsTheVectorsAndEncodesNothing()
    {
        var counting = new CountingEmbeddingGenerator(model.Generator);
        var first = new MeaningIndex(SharedKnowledge.Knowledge, counting, KnowledgeServices.ModelDirectory);
        counting.Reset();

        var second = new MeaningIndex(SharedKnowledge.Knowledge, counting, KnowledgeServices.ModelDirectory);

        Assert.Equal(0, counting.Encoded);
        var vector = second.Embed("why is my marrow not making blood");
        Assert.Equal(1, counting.Encoded);
        Assert.Equal(first.NearestPassages(vector), second.NearestPassages(vector));
        Assert.Equal(first.Exemplars.Nearest(vector), second.Exemplars.Nearest(vector));
    }

    [Fact]
    public void ItIsKeyedByTheRealModelsId()
    {
        var index = new MeaningIndex(SharedKnowledge.Knowledge, model.Generator, KnowledgeServices.ModelDirectory);

        Assert.Equal("all-MiniLM-L6-v2", index.ModelId);
    }
}

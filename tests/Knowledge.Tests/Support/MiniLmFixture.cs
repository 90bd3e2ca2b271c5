using MarrowBot.Knowledge.Embeddings;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>The real MiniLM encoder from its NuGet package, loaded once for a test class (about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public SentenceEmbeddingGenerator Generator { get; } = LocalEncoders.Create(new EmbeddingOptions());

    public void Dispose() => Generator.Dispose();
}

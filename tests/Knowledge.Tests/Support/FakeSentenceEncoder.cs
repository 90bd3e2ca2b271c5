using SentenceTransformers;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>A sentence encoder that answers what a test tells it to: the shape of a damaged model, for one.</summary>
public sealed class FakeSentenceEncoder(Func<string[], float[][]> encode) : ISentenceEncoder, IDisposable
{
    public bool Disposed { get; private set; }

    /// <summary>A model that answers <paramref name="dimensions"/> numbers per sentence.</summary>
    public static FakeSentenceEncoder Answering(int dimensions, float value = 0.05f) =>
        new(sentences => sentences.Select(_ => Enumerable.Repeat(value, dimensions).ToArray()).ToArray());

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default) => encode(sentences);

    public void Dispose() => Disposed = true;
}

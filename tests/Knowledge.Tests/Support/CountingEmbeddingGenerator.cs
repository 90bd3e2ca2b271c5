using Microsoft.Extensions.AI;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Passes everything to the generator it wraps and counts the texts it was asked to encode.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _encoded;

    /// <summary>How many texts went to the encoder so far.</summary>
    public int Encoded => Volatile.Read(ref _encoded);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Add(ref _encoded, texts.Count);
        return base.GenerateAsync(texts, options, cancellationToken);
    }

    /// <summary>Starts counting again from zero.</summary>
    public void Reset() => Volatile.Write(ref _encoded, 0);
}

using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SentenceTransformers;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// A local sentence encoder as the ecosystem's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (what Semantic
/// Kernel consumes). Each value becomes one unit-length vector: a short text as it is, a long one as the normalised
/// mean of its first clauses (<see cref="EmbeddingText"/>), so a 20,000-character message stays within the model's
/// input limit. The encoder is shared by concurrent turns behind a lock (ONNX Runtime sessions are thread-safe, but
/// the wrapper's tokenizer state is not documented as such, and one inference at a time is fastest on two cores).
/// </summary>
public sealed class SentenceEmbeddingGenerator(ISentenceEncoder encoder, string modelId, int maxClauses) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("local-sentence-transformers", null, modelId, Dimensions);

    /// <summary>The model's id (part of every cache key).</summary>
    public string ModelId => modelId;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        var pieces = texts.Select(t => EmbeddingText.Pieces(t, maxClauses)).ToList();
        var flat = pieces.SelectMany(p => p).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        float[][] vectors;
        lock (_gate)
        {
            vectors = flat.Length == 0 ? [] : encoder.Encode(flat, cancellationToken);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        var at = 0;
        foreach (var piece in pieces)
        {
            result.Add(new Embedding<float>(Combine(vectors.AsSpan(at, piece.Count))) { ModelId = modelId });
            at += piece.Count;
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => (encoder as IDisposable)?.Dispose();

    /// <summary>One vector, or the normalised mean of several.</summary>
    private static float[] Combine(ReadOnlySpan<float[]> vectors)
    {
        var sum = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(sum, vector, sum);
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }
}

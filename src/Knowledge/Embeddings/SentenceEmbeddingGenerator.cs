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
/// <param name="encoder">The model.</param>
/// <param name="modelId">The model's id.</param>
/// <param name="maxClauses">Most clauses of one text that are embedded (<see cref="EmbeddingText.Pieces"/>).</param>
/// <param name="rememberedPieces">How many recently encoded pieces are remembered (0: none; benchmarks measure with and without).</param>
public sealed class SentenceEmbeddingGenerator(ISentenceEncoder encoder, string modelId, int maxClauses, int rememberedPieces = SentenceEmbeddingGenerator.RememberedPieces) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    /// <summary>How many recently encoded pieces are remembered by default (<see cref="RecentVectors"/>): a few turns' worth, about 100 KB.</summary>
    public const int RememberedPieces = 64;

    /// <summary>
    /// Estimated word pieces of padding worth one more call to the encoder: a call costs about 2 ms more, a word
    /// piece 0.15-0.2 ms (docs/benchmarks.md, issue 10), and the estimate counts ordinary words high.
    /// </summary>
    public const int PaddingPerCall = 16;

    private readonly Lock _gate = new();
    private readonly RecentVectors _recent = new(rememberedPieces);
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
            vectors = Encode(flat, cancellationToken);
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

    /// <summary>
    /// Each piece's vector: those encoded a moment ago from memory, the others (each distinct piece once) in one
    /// batch. Callers never change the vectors (<see cref="Combine"/> writes a new array), so sharing them is safe.
    /// </summary>
    private float[][] Encode(string[] pieces, CancellationToken cancellationToken)
    {
        var vectors = new float[pieces.Length][];
        var missing = new List<string>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
        {
            if (_recent.TryGet(pieces[i], out var known))
            {
                vectors[i] = known;
            }
            else if (asked.Add(pieces[i]))
            {
                missing.Add(pieces[i]);
            }
        }

        if (missing.Count == 0)
        {
            return vectors;
        }

        var fresh = new Dictionary<string, float[]>(missing.Count, StringComparer.Ordinal);
        foreach (var batch in Batches(missing))
        {
            var encoded = encoder.Encode(batch, cancellationToken);
            for (var k = 0; k < batch.Length; k++)
            {
                fresh[batch[k]] = encoded[k];
                _recent.Add(batch[k], encoded[k]);
            }
        }

        for (var i = 0; i < pieces.Length; i++)
        {
            vectors[i] ??= fresh[pieces[i]];
        }

        return vectors;
    }

    /// <summary>
    /// The pieces in batches of similar length, shortest first. The encoder pads every piece of a batch to the
    /// longest, and its time grows with the padded word pieces far more than with the number of calls: four short
    /// clauses and a long sentence took about 60 % longer as one batch than as two (docs/benchmarks.md, issue 10). A
    /// batch is closed when padding the next piece's length would add more than <see cref="PaddingPerCall"/>
    /// estimated word pieces, about what one more call costs.
    /// </summary>
    internal static IEnumerable<string[]> Batches(IReadOnlyList<string> pieces)
    {
        var batch = new List<string>();
        var longest = 0;
        foreach (var (piece, tokens) in pieces.Select(p => (p, EmbeddingText.EstimatedTokens(p))).OrderBy(p => p.Item2))
        {
            if (batch.Count > 0 && batch.Count * (tokens - longest) > PaddingPerCall)
            {
                yield return [.. batch];
                batch.Clear();
            }

            batch.Add(piece);
            longest = tokens;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    /// <summary>One vector, or the normalised mean of several (how the pieces of one long text are combined).</summary>
    internal static float[] Combine(ReadOnlySpan<float[]> vectors)
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

using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using Microsoft.Extensions.AI;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// Labelled phrasings as vectors: a message's nearest phrasing per intent, by cosine similarity. Built from the same
/// <see cref="TrainingExample"/>s the classifier learns from, so the two see the same data.
/// </summary>
public sealed class ExemplarIndex
{
    private readonly string[] _intents;
    private readonly string[] _texts;
    private readonly VectorIndex _vectors;

    public ExemplarIndex(IReadOnlyList<TrainingExample> examples, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(examples);
        _intents = examples.Select(e => e.Intent).ToArray();
        _texts = examples.Select(e => e.Text).ToArray();
        _vectors = new VectorIndex(vectors);
    }

    public int Count => _vectors.Count;

    /// <summary>The phrasings' vectors in the order they were given (what the intent classifier trains on beside their words).</summary>
    public float[][] Vectors() => _vectors.Rows();

    /// <summary>The phrasings, in the order they were given.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>Embeds <paramref name="examples"/> (through <paramref name="cacheFolder"/> when given) and indexes them.</summary>
    public static ExemplarIndex Build(IReadOnlyList<TrainingExample> examples, IEmbeddingGenerator<string, Embedding<float>> generator, string? cacheFolder, string name)
    {
        var texts = examples.Select(e => e.Text).ToList();
        var modelId = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        var vectors = cacheFolder is null ? Embed(generator, texts) : EmbeddingCache.GetOrCompute(cacheFolder, name, modelId, texts, t => Embed(generator, t));
        return new ExemplarIndex(examples, vectors);
    }

    /// <summary>
    /// Each intent's score with <paramref name="vector"/> and its best phrasing, best first. The score is the mean of
    /// the intent's <paramref name="neighbours"/> highest similarities (all of them when it has fewer phrasings); 1 is
    /// the nearest phrasing alone, as the bot has always read it.
    /// </summary>
    public IReadOnlyList<ExemplarMatch> Nearest(ReadOnlySpan<float> vector, int neighbours = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        var scores = _vectors.Similarities(vector);
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Length; i++)
        {
            if (!best.TryGetValue(_intents[i], out var current) || scores[i] > scores[current])
            {
                best[_intents[i]] = i;
            }
        }

        if (neighbours == 1)
        {
            return best.Values.Select(i => new ExemplarMatch(_intents[i], scores[i], _texts[i])).OrderByDescending(m => m.Score).ToList();
        }

        var array = scores.ToArray();
        return Enumerable.Range(0, array.Length)
            .GroupBy(i => _intents[i], StringComparer.Ordinal)
            .Select(g => new ExemplarMatch(g.Key, g.Select(i => array[i]).OrderByDescending(x => x).Take(neighbours).Average(), _texts[best[g.Key]]))
            .OrderByDescending(m => m.Score)
            .ToList();
    }

    public static float[][] Embed(IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var chunk in texts.Chunk(64))
        {
            vectors.AddRange(generator.GenerateAsync(chunk).GetAwaiter().GetResult().Select(e => e.Vector.ToArray()));
        }

        return [.. vectors];
    }
}

/// <summary>An intent, its best similarity with the message, and the phrasing matched.</summary>
public sealed record ExemplarMatch(string Intent, float Score, string Exemplar);

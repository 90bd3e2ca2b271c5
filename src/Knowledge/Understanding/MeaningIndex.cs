using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// What the content means, as vectors: every way of asking each intent (FAQ questions and their phrasings,
/// guidance, conversational intents including the out-of-scope exemplars) and every passage. A message is embedded
/// once and compared with all of them (<see cref="Read"/>). Vectors are cached beside the intent model.
/// </summary>
public sealed class MeaningIndex
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly string[] _exemplarIntents;
    private readonly VectorIndex _exemplars;
    private readonly IReadOnlyList<Passage> _passages;
    private readonly VectorIndex _passageVectors;

    public MeaningIndex(KnowledgeBase knowledge, IEmbeddingGenerator<string, Embedding<float>> generator, string cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _generator = generator;
        var modelId = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        var exemplars = Exemplars(knowledge).ToList();
        _exemplarIntents = exemplars.Select(e => e.Intent).ToArray();
        _exemplars = new VectorIndex(EmbeddingCache.GetOrCompute(cacheFolder, "exemplars", modelId, exemplars.Select(e => e.Text).ToList(), EmbedAll));
        _passages = knowledge.Passages;
        _passageVectors = new VectorIndex(EmbeddingCache.GetOrCompute(cacheFolder, "passages", modelId, _passages.Select(p => $"{p.Title}. {p.Text}").ToList(), EmbedAll));
        ModelId = modelId;
    }

    public string ModelId { get; }

    /// <summary>How many exemplar phrasings the index holds.</summary>
    public int ExemplarCount => _exemplars.Count;

    /// <summary>The message's vector (its first clauses for a long one).</summary>
    public float[] Embed(string text) => EmbedAll([text])[0];

    /// <summary>
    /// The message compared by meaning with every intent (its best-matching phrasing) and every passage, each list
    /// best first.
    /// </summary>
    public MeaningReading Read(string text) => Read(Embed(text));

    public MeaningReading Read(float[] vector)
    {
        var exemplarScores = _exemplars.Similarities(vector);
        var best = new Dictionary<string, (float Score, int Exemplar)>(StringComparer.Ordinal);
        for (var i = 0; i < exemplarScores.Length; i++)
        {
            if (!best.TryGetValue(_exemplarIntents[i], out var current) || exemplarScores[i] > current.Score)
            {
                best[_exemplarIntents[i]] = (exemplarScores[i], i);
            }
        }

        var intents = best.Select(kv => new MeaningMatch(kv.Key, kv.Value.Score)).OrderByDescending(m => m.Score).ToList();
        var passageScores = _passageVectors.Similarities(vector);
        var passages = passageScores.Select((score, i) => new MeaningMatch(_passages[i].Id, score)).OrderByDescending(m => m.Score).ToList();
        return new MeaningReading(intents, passages);
    }

    private float[][] EmbedAll(IReadOnlyList<string> texts) =>
        texts.Count == 0 ? [] : _generator.GenerateAsync(texts).GetAwaiter().GetResult().Select(e => e.Vector.ToArray()).ToArray();

    private static IEnumerable<(string Intent, string Text)> Exemplars(KnowledgeBase knowledge)
    {
        foreach (var faq in knowledge.Faqs)
        {
            yield return (faq.Id, faq.Question);
            foreach (var variant in faq.Variants)
            {
                yield return (faq.Id, variant);
            }
        }

        foreach (var guidance in knowledge.Guidance)
        {
            yield return (guidance.Id, guidance.Question);
            foreach (var variant in guidance.Variants)
            {
                yield return (guidance.Id, variant);
            }
        }

        foreach (var intent in knowledge.Conversational)
        {
            foreach (var variant in intent.Variants)
            {
                yield return (intent.Id, variant);
            }
        }
    }
}

/// <summary>An intent or passage id and its cosine similarity with the message.</summary>
public sealed record MeaningMatch(string Id, float Score);

/// <summary>A message read by meaning: intents (by their best phrasing) and passages, each best first.</summary>
public sealed record MeaningReading(IReadOnlyList<MeaningMatch> Intents, IReadOnlyList<MeaningMatch> Passages);

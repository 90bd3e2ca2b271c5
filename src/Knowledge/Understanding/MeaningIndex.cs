using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using Microsoft.Extensions.AI;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// What the content means, as vectors: every way of asking each intent (FAQ questions and their phrasings,
/// guidance, conversational intents including the out-of-scope exemplars: <see cref="Exemplars"/>) and every
/// passage. A message is embedded once and compared with all of them. Vectors are cached beside the intent model.
/// </summary>
public sealed class MeaningIndex
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IReadOnlyList<Passage> _passages;
    private readonly VectorIndex _passageVectors;
    private readonly int _maxTokensPerTurn;
    private readonly int _maxClauses;

    /// <param name="knowledge">The content.</param>
    /// <param name="generator">The sentence encoder.</param>
    /// <param name="cacheFolder">Where the content's vectors are cached (beside the intent model).</param>
    /// <param name="maxTokensPerTurn">"Embeddings:MaxTokensPerTurn": a message over it is embedded from the sentences that look like its question (<see cref="TurnBudget"/>).</param>
    /// <param name="maxClauses">"Embeddings:MaxClauses": most pieces of one message embedded.</param>
    public MeaningIndex(KnowledgeBase knowledge, IEmbeddingGenerator<string, Embedding<float>> generator, string cacheFolder, int maxTokensPerTurn = TurnBudget.DefaultMaxTokens, int maxClauses = 8)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokensPerTurn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClauses, 1);
        _maxTokensPerTurn = maxTokensPerTurn;
        _maxClauses = maxClauses;
        _generator = generator;
        ModelId = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        Exemplars = ExemplarIndex.Build(TrainingExample.From(knowledge), generator, cacheFolder, "exemplars");
        _passages = knowledge.Passages;
        _passageVectors = new VectorIndex(EmbeddingCache.GetOrCompute(
            cacheFolder, "passages", ModelId, _passages.Select(p => $"{p.Title}. {p.Text}").ToList(), t => ExemplarIndex.Embed(generator, t)));
    }

    public string ModelId { get; }

    /// <summary>Every way of asking each intent, as vectors.</summary>
    public ExemplarIndex Exemplars { get; }

    /// <summary>
    /// What the intent classifier needs to read meaning: this model's id, the vectors of its training phrasings (the
    /// exemplars' vectors, already loaded from the cache, so nothing is encoded twice) and this encoder.
    /// </summary>
    public IntentMeaning ForClassifier(IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!examples.Select(e => e.Text).SequenceEqual(Exemplars.Texts, StringComparer.Ordinal))
        {
            throw new ArgumentException("the classifier's phrasings are not the exemplars' phrasings", nameof(examples));
        }

        return new IntentMeaning(ModelId, Exemplars.Vectors, Embed);
    }

    /// <summary>The message's vector (the normalised mean of its first clauses for a long one).</summary>
    public float[] Embed(string text) => Embed(text, spentByTriage: 0);

    /// <summary>
    /// The message's vector within the turn's budget of word pieces, of which triage's second opinion gave the
    /// encoder <paramref name="spentByTriage"/>: a message within the budget as <see cref="Embed(string)"/>; a longer
    /// one as the normalised mean of the sentences that look like its question (<see cref="EmbeddingText.Selected"/>).
    /// </summary>
    public float[] Embed(string text, int spentByTriage)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TurnBudget.IsOver(text, _maxTokensPerTurn))
        {
            return ExemplarIndex.Embed(_generator, [text])[0];
        }

        var pieces = EmbeddingText.Selected(text, TurnBudget.ForAnswer(_maxTokensPerTurn, spentByTriage), _maxClauses);
        return SentenceEmbeddingGenerator.Combine(ExemplarIndex.Embed(_generator, pieces));
    }

    /// <summary>The pieces <see cref="Embed(string, int)"/> gives the encoder (what tests and benchmarks count).</summary>
    public IReadOnlyList<string> PiecesOf(string text, int spentByTriage) =>
        TurnBudget.IsOver(text, _maxTokensPerTurn)
            ? EmbeddingText.Selected(text, TurnBudget.ForAnswer(_maxTokensPerTurn, spentByTriage), _maxClauses)
            : EmbeddingText.Pieces(text, _maxClauses);

    /// <summary>As <see cref="Embed"/>, for callers that can wait (a remote provider later).</summary>
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var embeddings = await _generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>Passages by their similarity with <paramref name="vector"/>, best first.</summary>
    public IReadOnlyList<PassageMatch> NearestPassages(ReadOnlySpan<float> vector)
    {
        var scores = _passageVectors.Similarities(vector);
        return scores.Select((score, i) => new PassageMatch(_passages[i], score)).OrderByDescending(m => m.Score).ToList();
    }
}

/// <summary>A passage and its cosine similarity with the message.</summary>
public sealed record PassageMatch(Passage Passage, float Score);

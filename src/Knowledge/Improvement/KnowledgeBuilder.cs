using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// Builds a candidate <see cref="KnowledgeSnapshot"/> from the curated content and an overlay, the same way the host
/// builds the first one: the content merged, the content's vectors (when embeddings are on) and the intent model,
/// loaded from the model cache when this content was trained before, else trained and saved.
/// </summary>
public sealed class KnowledgeBuilder(
    KnowledgeBase curated,
    string modelDirectory,
    PassageIndex passages,
    SafetyReplies safety,
    IOptions<ResponderOptions> answering,
    IOptions<SafetyOptions> contacts,
    ILoggerFactory loggers,
    IEmbeddingGenerator<string, Embedding<float>>? generator = null,
    EmbeddingOptions? embedding = null,
    AnswerCombiner? combiner = null)
{
    /// <summary>The curated content the overlay is read against.</summary>
    public KnowledgeBase Curated => curated;

    public KnowledgeSnapshot Build(KnowledgeOverlay overlay)
    {
        var knowledge = KnowledgeLoader.Merge(curated, overlay);
        var meaning = generator is null
            ? null
            : new MeaningIndex(knowledge, generator, modelDirectory, embedding?.MaxTokensPerTurn ?? TurnBudget.DefaultMaxTokens, embedding?.MaxClauses ?? 8);
        var classifier = MlNetIntentClassifier.LoadOrTrain(knowledge, modelDirectory, loggers.CreateLogger<MlNetIntentClassifier>(), meaning?.ForClassifier(TrainingExample.From(knowledge)));
        return Snapshot(knowledge, classifier, meaning);
    }

    /// <summary>A snapshot over parts already built (the host's first one).</summary>
    public KnowledgeSnapshot Snapshot(KnowledgeBase knowledge, IIntentClassifier classifier, MeaningIndex? meaning) =>
        new(knowledge, classifier, meaning, new Responder(knowledge, classifier, passages, safety, answering, contacts, meaning, combiner));
}

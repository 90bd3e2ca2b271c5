using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;

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

    public static double Support(string text, string reference)
    {
        var terms = ContentTerms(text);
        if (terms.Count == 0)
        {
            return 0;
        }

        var referenceTerms = PassageIndex.Terms(reference).ToHashSet(StringComparer.Ordinal);
        return terms.Count(referenceTerms.Contains) / (double)terms.Count;
    }

    public static IReadOnlyList<string> Unsupported(string text, string reference)
    {
        var referenceTerms = PassageIndex.Terms(reference).ToHashSet(StringComparer.Ordinal);
        return ContentTerms(text).Where(t => !referenceTerms.Contains(t)).ToList();
    }

    /// <summary>Runs of <paramref name="length"/> consecutive words that <paramref name="text"/> shares with <paramref name="source"/>.</summary>
    public static IReadOnlyList<string> CopiedRuns(string text, string source, int length = 6)
    {
        static List<string> Words(string s) => TextNormalizer.Tokenize(s.ToLowerInvariant()).ToList();
        var sourceWords = Words(source);
        var sourceRuns = Enumerable.Range(0, Math.Max(0, sourceWords.Count - length + 1))
            .Select(i => string.Join(' ', sourceWords.Skip(i).Take(length)))
            .ToHashSet(StringComparer.Ordinal);
        var words = Words(text);
        return Enumerable.Range(0, Math.Max(0, words.Count - length + 1))
            .Select(i => string.Join(' ', words.Skip(i).Take(length)))
            .Where(sourceRuns.Contains)
            .ToList();
    }

    private static HashSet<string> ContentTerms(string text) =>
        PassageIndex.Terms(text).Where(t => !FramingWords.Contains(t) && !t.All(char.IsDigit)).ToHashSet(StringComparer.Ordinal);
}

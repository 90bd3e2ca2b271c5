using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// Topics the article never covers: words of the curated out-of-scope exemplars ("how does a stem cell transplant
/// work", "what dose of ciclosporin") that the content itself (passages, FAQ and guidance questions, answers and
/// phrasings, small talk) never uses, nor a misspelling of (one edit away, two for long words). A question that
/// names one ("what's a stem cell transplant", "is mds the same") is declined honestly rather than answered with a neighbouring entry,
/// which would hand over an unrelated passage.
/// </summary>
public sealed class KnownTerms
{
    private readonly HashSet<string> _terms;
    private readonly string[][] _byFirstLetter;
    private readonly HashSet<string> _uncovered;

    private KnownTerms(HashSet<string> terms, IEnumerable<string> outOfScopeTerms)
    {
        _terms = terms;
        _byFirstLetter = Enumerable.Range(0, 26).Select(i => terms.Where(t => t.Length > 0 && t[0] == (char)('a' + i)).ToArray()).ToArray();
        // Three-letter words count only when the content never uses them as they are (no misspelling allowance:
        // one edit turns most short words into another): the abbreviations of other conditions and treatments
        // (mds, cml, atg) that the article never names.
        _uncovered = outOfScopeTerms.Where(t => !t.Any(char.IsDigit) && (t.Length >= 4 ? !Knows(t) : t.Length == 3 && !_terms.Contains(t))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The uncovered topic words, for tests and review.</summary>
    public IReadOnlySet<string> Uncovered => _uncovered;

    public static KnownTerms From(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var texts = knowledge.Passages.SelectMany(p => new[] { p.Title, p.Text })
            .Concat(knowledge.Faqs.SelectMany(f => f.Variants.Append(f.Question).Append(f.Answer)))
            .Concat(knowledge.Guidance.SelectMany(g => g.Variants.Append(g.Question).Append(g.Answer)))
            .Concat(knowledge.Conversational.Where(c => c.Kind != ConversationalKind.Decline).SelectMany(c => c.Variants.Concat(c.Replies)));
        var outOfScope = knowledge.Conversational.Where(c => c.Kind == ConversationalKind.Decline).SelectMany(c => c.Variants).SelectMany(PassageIndex.Terms);
        return new KnownTerms(texts.SelectMany(PassageIndex.Terms).ToHashSet(StringComparer.Ordinal), outOfScope);
    }

    /// <summary>Whether the question names a topic the article never covers.</summary>
    public bool AsksAboutTheUnknown(string text) => PassageIndex.Terms(text).Any(_uncovered.Contains);

    public bool Knows(string term)
    {
        if (_terms.Contains(term))
        {
            return true;
        }

        var allowed = term.Length >= 8 ? 2 : 1;
        var candidates = term[0] is >= 'a' and <= 'z' ? _byFirstLetter[term[0] - 'a'] : _terms.ToArray();

        // A misspelling usually keeps the first letter; a swapped first pair is caught by the full scan below.
        return candidates.Any(t => Math.Abs(t.Length - term.Length) <= allowed && Distance(t, term, allowed) <= allowed)
            || (term.Length > 2 && _terms.Contains(string.Concat(term[1], term[0], term[2..])));
    }

    /// <summary>Optimal string alignment distance (edits and adjacent swaps), stopping early past <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, d[i, j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }
        }

        return d[a.Length, b.Length];
    }
}

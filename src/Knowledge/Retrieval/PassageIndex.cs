using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Retrieval;

/// <summary>
/// Okapi BM25 over the curated passages (each passage indexed with its title). Used when the classifier is not
/// confident: a strong lexical match to a passage is still a grounded answer; a weak one is not given.
/// </summary>
public sealed class PassageIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly IReadOnlyList<Passage> _passages;
    private readonly List<Dictionary<string, int>> _termCounts = [];
    private readonly List<int> _lengths = [];
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public PassageIndex(IReadOnlyList<Passage> passages)
    {
        _passages = passages;
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            var terms = Terms(passage.Title + " " + passage.Text);
            var counts = terms.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            _termCounts.Add(counts);
            _lengths.Add(terms.Count);
            foreach (var term in counts.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        _averageLength = _lengths.Count == 0 ? 1 : _lengths.Average();
        var n = passages.Count;
        foreach (var (term, df) in documentFrequency)
        {
            _idf[term] = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
        }
    }

    /// <summary>The best passages for <paramref name="query"/>, strongest first.</summary>
    public IReadOnlyList<RetrievalHit> Search(string query, int take = 3)
    {
        var queryTerms = Terms(query).Distinct(StringComparer.Ordinal).ToList();
        var hits = new List<RetrievalHit>();
        for (var i = 0; i < _passages.Count; i++)
        {
            double score = 0;
            var matched = 0;
            foreach (var term in queryTerms)
            {
                if (!_termCounts[i].TryGetValue(term, out var tf))
                {
                    continue;
                }

                matched++;
                var norm = tf + (K1 * (1 - B + (B * _lengths[i] / _averageLength)));
                score += _idf[term] * (tf * (K1 + 1)) / norm;
            }

            if (matched > 0)
            {
                hits.Add(new RetrievalHit(_passages[i], score, matched, queryTerms.Count));
            }
        }

        return hits.OrderByDescending(h => h.Score).Take(take).ToList();
    }

    /// <summary>Content terms of a text: normalised, stop words dropped, lightly stemmed.</summary>
    public static List<string> Terms(string text) =>
        TextNormalizer.Tokenize(TextNormalizer.Normalize(text))
            .Where(t => t.Length > 1 && !StopWords.English.Contains(t))
            .Select(Stemmer.Stem)
            .ToList();
}

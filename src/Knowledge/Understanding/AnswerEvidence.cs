using MarrowBot.Knowledge.Retrieval;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// What the understanding pipeline saw in one message, as the numbers the answer combiner weighs: how close the
/// nearest FAQ phrasing is in meaning and how far ahead of the next entry, how much closer the out-of-scope
/// exemplars are, what the classifier thinks, the nearest passage by meaning and by words (BM25), whether the
/// question names a topic the article never covers, the pooled confidence and its lead, whether words and meaning
/// agree, and the message's length; then the nearest out-of-scope exemplar itself, the pooled share of the three
/// entries a clarifying question would offer, and whether the words' top entry is among meaning's top three. Features are on comparable scales (0 to about 1) so the weights read plainly.
/// </summary>
public sealed record AnswerEvidence(
    double NearestFaq,
    double NearestFaqLead,
    double OutOfScopeLead,
    double WordsOutOfScope,
    double WordsTopFaq,
    double NearestPassage,
    double WordsMatch,
    bool NamesUncoveredTopic,
    double Pooled,
    double PooledLead,
    bool OpinionsAgree,
    double Length,
    double NearestOutOfScope,
    double PooledTopThree,
    bool WordsInMeaningTopThree)
{
    /// <summary>The names of <see cref="Features"/>, in order, as the combiner's file lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "nearestFaq", "nearestFaqLead", "outOfScopeLead", "wordsOutOfScope", "wordsTopFaq", "nearestPassage",
        "wordsMatch", "namesUncoveredTopic", "pooled", "pooledLead", "opinionsAgree", "length",
        "nearestOutOfScope", "pooledTopThree", "wordsInMeaningTopThree",
    ];

    /// <summary>The out-of-scope exemplars' intent (data/smalltalk.json).</summary>
    public const string OutOfScopeIntent = "out-of-scope";

    /// <param name="reading">The fused ranking and its two opinions.</param>
    /// <param name="isFaq">Whether an intent is an FAQ entry (the only intents answered from the article).</param>
    /// <param name="nearestPassage">The closest passage's cosine similarity (0 when none).</param>
    /// <param name="bestWords">The best BM25 hit, if any.</param>
    /// <param name="namesUncoveredTopic">Whether the question names a topic the article never covers.</param>
    /// <param name="words">How many words the message has.</param>
    public static AnswerEvidence From(FusedPrediction reading, Func<string, bool> isFaq, double nearestPassage, RetrievalHit? bestWords, bool namesUncoveredTopic, int words)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(isFaq);
        var faqs = reading.Meaning.Where(m => isFaq(m.Intent)).Select(m => (double)m.Score).Take(2).ToList();
        var nearest = faqs.Count > 0 ? faqs[0] : 0;
        var outOfScope = reading.Meaning.FirstOrDefault(m => m.Intent == OutOfScopeIntent)?.Score ?? 0;
        var pooled = reading.Fused.Ranked.Where(s => isFaq(s.Intent)).Select(s => (double)s.Probability).Take(3).ToList();
        var meaningTopThree = reading.Meaning.Where(m => isFaq(m.Intent)).Take(3).Select(m => m.Intent).ToList();
        var topMeaning = meaningTopThree.FirstOrDefault();
        var topWords = reading.Words.Top?.Intent;
        return new AnswerEvidence(
            nearest,
            faqs.Count > 1 ? nearest - faqs[1] : nearest,
            outOfScope - nearest,
            reading.Words.Ranked.FirstOrDefault(s => s.Intent == OutOfScopeIntent)?.Probability ?? 0,
            reading.Words.Ranked.Where(s => isFaq(s.Intent)).Select(s => (double)s.Probability).FirstOrDefault(),
            nearestPassage,
            Math.Log(1 + (bestWords?.Score ?? 0)),
            namesUncoveredTopic,
            pooled.Count > 0 ? pooled[0] : 0,
            pooled.Count > 1 ? pooled[0] - pooled[1] : (pooled.Count > 0 ? pooled[0] : 0),
            topMeaning is not null && topMeaning == topWords,
            Math.Min(words, 60) / 60.0,
            outOfScope,
            pooled.Sum(),
            topWords is not null && meaningTopThree.Contains(topWords));
    }

    public double[] Features() =>
    [
        NearestFaq, NearestFaqLead, OutOfScopeLead, WordsOutOfScope, WordsTopFaq, NearestPassage,
        WordsMatch, NamesUncoveredTopic ? 1 : 0, Pooled, PooledLead, OpinionsAgree ? 1 : 0, Length,
        NearestOutOfScope, PooledTopThree, WordsInMeaningTopThree ? 1 : 0,
    ];
}

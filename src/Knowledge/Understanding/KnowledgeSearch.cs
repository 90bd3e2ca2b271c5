using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Retrieval;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// Query text to ranked, cited passages. Three opinions vote by reciprocal-rank fusion (each passage scores
/// Σ 1 / (<see cref="RankConstant"/> + rank) over the opinions that rank it within their top <see cref="Depth"/>):
/// BM25 over the passages' words, the passages by meaning, and the FAQ entries whose phrasings are nearest by
/// meaning, each FAQ voting at its rank for every passage it cites. Ranks are fused rather than scores because BM25
/// scores and cosines are on different scales, and RRF needs nothing trained to put them together. With
/// embeddings off (Embeddings:Provider None) BM25 alone ranks. A plain function of the content and the query:
/// the Semantic Kernel plugin and any later caller share it. On the blind questions' test split the right section
/// is first for 0.745 and in the top three for 0.942 (BM25 alone: 0.591 and 0.752; ADR 0017).
/// </summary>
public sealed class KnowledgeSearch(KnowledgeBase knowledge, PassageIndex words, MeaningIndex? meaning)
{
    /// <summary>RRF's usual constant (Cormack, Clarke and Büttcher, 2009): a first place is worth little more than a second.</summary>
    public const int RankConstant = 60;

    /// <summary>
    /// How far down each opinion's list votes. With 26 passages a deeper list lets every passage collect a vote from
    /// every opinion, and the fusion rewards being mentioned rather than being near: chosen on the blind development
    /// split (right section in the top three 0.946 at 3, 0.925 at 5, 0.871 at 10; at 3 the constant hardly matters).
    /// </summary>
    public const int Depth = 3;

    /// <summary>Most results one search returns.</summary>
    public const int MaxResults = 10;

    /// <summary>Whether meaning votes (false: words only).</summary>
    public bool UsesMeaning => meaning is not null;

    /// <summary>The best <paramref name="top"/> passages for <paramref name="query"/> (clamped to 1..<see cref="MaxResults"/>), best first; none for an empty query.</summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string? query, int top, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var votes = new Dictionary<string, Votes>(StringComparer.Ordinal);
        Votes For(Passage passage) => votes.TryGetValue(passage.Id, out var v) ? v : votes[passage.Id] = new Votes(passage);

        // Alone, BM25's own order is the answer, as deep as asked.
        var lexical = words.Search(query, meaning is null ? MaxResults : Depth);
        for (var i = 0; i < lexical.Count; i++)
        {
            For(lexical[i].Passage).Words(i + 1, lexical[i].Score);
        }

        if (meaning is not null)
        {
            var vector = await meaning.EmbedAsync(query, cancellationToken).ConfigureAwait(false);
            var passages = meaning.NearestPassages(vector);
            for (var i = 0; i < Math.Min(Depth, passages.Count); i++)
            {
                For(passages[i].Passage).Meaning(i + 1, passages[i].Score);
            }

            var faqs = meaning.Exemplars.Nearest(vector)
                .Select(m => (Match: m, Faq: knowledge.FindFaq(m.Intent)))
                .Where(x => x.Faq is not null)
                .Take(Depth)
                .ToList();
            for (var i = 0; i < faqs.Count; i++)
            {
                foreach (var passageId in faqs[i].Faq!.Passages)
                {
                    For(knowledge.Passage(passageId)).Faq(i + 1, faqs[i].Faq!, faqs[i].Match.Score);
                }
            }
        }

        return votes.Values
            .OrderByDescending(v => v.Score)
            .ThenBy(v => v.Passage.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(top, 1, MaxResults))
            .Select((v, i) => v.ToHit(i + 1))
            .ToList();
    }

    /// <summary>One passage's votes so far (an opinion votes once per passage: the FAQ entry ranked best wins).</summary>
    private sealed class Votes(Passage passage)
    {
        private double? _words;
        private double? _meaning;
        private (FaqEntry Entry, double Similarity)? _faq;

        public Passage Passage => passage;

        public double Score { get; private set; }

        public void Words(int rank, double score)
        {
            _words = score;
            Score += Reciprocal(rank);
        }

        public void Meaning(int rank, double similarity)
        {
            _meaning = similarity;
            Score += Reciprocal(rank);
        }

        public void Faq(int rank, FaqEntry entry, double similarity)
        {
            if (_faq is null)
            {
                _faq = (entry, similarity);
                Score += Reciprocal(rank);
            }
        }

        public KnowledgeHit ToHit(int rank) => new(
            rank, passage.Id, passage.Section, passage.Title, passage.Text, _faq?.Entry.Id, _faq?.Entry.Question, Score, _words, _meaning, _faq?.Similarity);

        private static double Reciprocal(int rank) => 1.0 / (RankConstant + rank);
    }
}

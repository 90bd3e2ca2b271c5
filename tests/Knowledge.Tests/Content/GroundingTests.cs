using MarrowBot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Content;

/// <summary>
/// Proves that the curated content cannot drift from the source unnoticed.
/// Thresholds (docs/decisions/0002-grounding-check.md): every FAQ answer must have at least 70 % of its content
/// words in the passages it cites, and every passage at least 50 % of its content words in its source section
/// (passages restate in other words, so their overlap with the source is lower by design). The same measure puts
/// answers scored against the wrong passages, and invented claims, far below those lines: the negative controls
/// below assert that, so the check is known to discriminate.
/// </summary>
public sealed class GroundingTests(ITestOutputHelper output)
{
    public const double AnswerFloor = 0.70;
    public const double PassageFloor = 0.50;

    [Fact]
    public void EveryFaqAnswerIsSupportedByItsCitedPassages()
    {
        var knowledge = SharedKnowledge.Knowledge;
        var failures = new List<string>();
        foreach (var faq in knowledge.Faqs)
        {
            var reference = string.Join(" ", faq.Passages.Select(id => knowledge.Passage(id).Text + " " + knowledge.Passage(id).Title));
            var support = Grounding.Support(faq.Answer, reference);
            output.WriteLine($"{faq.Id,-24} {support:P0}");
            if (support < AnswerFloor)
            {
                failures.Add($"{faq.Id}: {support:P0}, unsupported: {string.Join(", ", Grounding.Unsupported(faq.Answer, reference))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryPassageIsSupportedByItsSourceSection()
    {
        var failures = new List<string>();
        foreach (var passage in SharedKnowledge.Knowledge.Passages)
        {
            var source = ArticleData.SectionTerms(passage.Section);
            var support = Grounding.Support(passage.Text, source);
            output.WriteLine($"{passage.Id,-28} {support:P0}");
            if (support < PassageFloor)
            {
                failures.Add($"{passage.Id}: {support:P0}, unsupported: {string.Join(", ", Grounding.Unsupported(passage.Text, source))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void NoPassageOrAnswerCopiesSixWordsInARowFromTheSource()
    {
        var knowledge = SharedKnowledge.Knowledge;
        var texts = knowledge.Passages.Select(p => (p.Id, p.Text))
            .Concat(knowledge.Faqs.Select(f => (f.Id, f.Answer)))
            .Concat(knowledge.Conversational.SelectMany(c => c.Replies.Select(r => (c.Id, r))));

        var copied = texts.SelectMany(t => Grounding.CopiedRuns(t.Item2, ArticleData.Shingles).Select(run => $"{t.Item1}: \"{run}\"")).ToList();

        Assert.True(copied.Count == 0, string.Join("\n", copied));
    }

    [Fact]
    public void AnswersScoredAgainstTheWrongPassagesFallBelowTheFloor()
    {
        var knowledge = SharedKnowledge.Knowledge;
        var faqs = knowledge.Faqs;
        var scores = faqs.Select((faq, i) =>
        {
            // Pair each answer with passages of an entry that shares none of its sections.
            var other = faqs.Skip(i + 1).Concat(faqs.Take(i)).First(o => !o.Sections.Intersect(faq.Sections).Any());
            var reference = string.Join(" ", other.Passages.Select(id => knowledge.Passage(id).Text + " " + knowledge.Passage(id).Title));
            return Grounding.Support(faq.Answer, reference);
        }).ToList();

        output.WriteLine($"mismatched support: mean {scores.Average():P0}, max {scores.Max():P0}");
        Assert.True(scores.Count(s => s >= AnswerFloor) == 0, $"{scores.Count(s => s >= AnswerFloor)} mismatched answers passed");
    }

    [Theory]
    [InlineData("Taking folic acid tablets every morning cures marrow failure within six weeks in most adults.")]
    [InlineData("Marrow failure is caused by eating too much sugar, and a strict diet reverses it.")]
    [InlineData("Most people with marrow failure live for about ten years after diagnosis.")]
    public void AnInventedClaimIsNotSupportedByAnyPassage(string invented)
    {
        var knowledge = SharedKnowledge.Knowledge;
        var best = knowledge.Passages.Max(p => Grounding.Support(invented, p.Text + " " + p.Title));

        Assert.True(best < AnswerFloor, $"an invented claim scored {best:P0}");
    }
}

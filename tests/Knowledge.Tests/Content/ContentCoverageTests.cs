using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Content;

public sealed class ContentCoverageTests
{
    private static KnowledgeBase Knowledge => SharedKnowledge.Knowledge;

    [Fact]
    public void TheFaqHasAtLeastThirtyEntriesWithFifteenOrMoreVariantsEach()
    {
        Assert.True(Knowledge.Faqs.Count >= 30, $"only {Knowledge.Faqs.Count} FAQ entries");
        Assert.All(Knowledge.Faqs, f => Assert.True(f.Variants.Count >= 15, $"{f.Id} has {f.Variants.Count} variants"));
    }

    [Fact]
    public void EverySectionIsRestatedByAPassageAndCoveredByAnFaqEntry()
    {
        foreach (var section in SectionIds.All)
        {
            Assert.Contains(Knowledge.Passages, p => p.Section == section);
            Assert.Contains(Knowledge.Faqs, f => f.Sections.Contains(section));
        }
    }

    [Fact]
    public void EveryFaqEntryOffersTwoOrThreeFollowUps()
    {
        Assert.All(Knowledge.Faqs, f => Assert.InRange(f.FollowUps.Count, 2, 3));
    }

    [Fact]
    public void EveryAnswerIsTwoToFiveSentences()
    {
        foreach (var faq in Knowledge.Faqs)
        {
            var sentences = faq.Answer.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries).Count(s => s.Trim().Length > 3);
            Assert.True(sentences is >= 2 and <= 5, $"{faq.Id} has {sentences} sentences");
        }
    }

    [Fact]
    public void NoPhrasingIsUsedForTwoIntents()
    {
        var owners = Knowledge.Faqs.SelectMany(f => f.Variants.Append(f.Question).Select(v => (Text: Key(v), f.Id)))
            .Concat(Knowledge.Conversational.SelectMany(c => c.Variants.Select(v => (Text: Key(v), c.Id))))
            .GroupBy(p => p.Text)
            .Where(g => g.Select(p => p.Id).Distinct().Count() > 1)
            .Select(g => $"'{g.Key}' -> {string.Join(", ", g.Select(p => p.Id).Distinct())}")
            .ToList();

        Assert.True(owners.Count == 0, string.Join("\n", owners));
    }

    [Fact]
    public void TheOutOfScopeIntentCoversTheTopicsTheDocumentDoesNotAnswer()
    {
        var outOfScope = string.Join(" ", Knowledge.FindConversational(ConversationalIntents.OutOfScope)!.Variants).ToLowerInvariant();

        foreach (var topic in new[] { "dose", "survival", "hospital", "result", "vaccin", "diet" })
        {
            Assert.Contains(topic, outOfScope);
        }
    }

    private static string Key(string text) => MarrowBot.Knowledge.Text.TextNormalizer.Normalize(text);
}

using System.Text.Json;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Knowledge.Tests.Understanding;

/// <summary>
/// The knowledge search on the blind questions (Evaluation/blind-questions.json, answerable items of the test split,
/// never tuned on): how often the right section comes first and within the first three, with meaning and by words
/// alone. Depth and constant were chosen on the dev split (ADR 0017).
/// </summary>
public sealed class KnowledgeSearchEvaluationTests(KernelFixture services) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task WithMeaningTheRightSectionIsInTheTopThreeForNineQuestionsInTen()
    {
        var (first, topThree) = await ScoreAsync(services.WithMeaning, "test");

        Assert.True(topThree >= 0.92, $"top three {topThree:F3}");
        Assert.True(first >= 0.72, $"first {first:F3}");
    }

    [Fact]
    public async Task MeaningFindsTheRightSectionFarMoreOftenThanWordsAlone()
    {
        var (_, withMeaning) = await ScoreAsync(services.WithMeaning, "test");
        var (_, wordsOnly) = await ScoreAsync(services.WordsOnly, "test");

        Assert.True(wordsOnly >= 0.72, $"words alone, top three {wordsOnly:F3}");
        Assert.True(withMeaning - wordsOnly >= 0.15, $"with meaning {withMeaning:F3}, words alone {wordsOnly:F3}");
    }

    private static async Task<(double First, double TopThree)> ScoreAsync(IServiceProvider provider, string split)
    {
        var search = provider.GetRequiredService<KnowledgeSearch>();
        var questions = Answerable(split);
        int first = 0, topThree = 0;
        foreach (var (text, sections) in questions)
        {
            var hits = await search.SearchAsync(text, 3, CancellationToken.None);
            first += hits.Count > 0 && sections.Contains(hits[0].Section) ? 1 : 0;
            topThree += hits.Any(h => sections.Contains(h.Section)) ? 1 : 0;
        }

        return ((double)first / questions.Count, (double)topThree / questions.Count);
    }

    private static List<(string Text, HashSet<string> Sections)> Answerable(string split)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Evaluation("blind-questions.json")));
        return document.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "answerable" && i.GetProperty("split").GetString() == split)
            .Select(i => (i.GetProperty("text").GetString()!, i.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }
}

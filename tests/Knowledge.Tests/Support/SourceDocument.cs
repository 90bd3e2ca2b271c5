using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>The source article split into its fixed sections by the line ranges in SECTIONS.md.</summary>
public static class SourceDocument
{
    private static readonly (string Section, int First, int Last)[] Ranges =
    [
        ("introduction", 1, 2),
        ("why-bone-marrow-matters", 3, 5),
        ("develops-quietly", 6, 13),
        ("more-than-low-blood-counts", 14, 16),
        ("why-causes-differ", 17, 19),
        ("living-with-marrow-failure", 20, 22),
        ("regenerative-thinking", 23, 25),
        ("stem-cell-perspective", 26, 27),
        ("final-thought", 28, 30),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazySections = new(Load);

    public static IReadOnlyDictionary<string, string> Sections => LazySections.Value;

    public static string All => string.Join("\n", Sections.Values);

    private static IReadOnlyDictionary<string, string> Load()
    {
        var lines = File.ReadAllLines(RepoPaths.SourceDocument);
        var result = Ranges.ToDictionary(r => r.Section, r => string.Join("\n", lines.Skip(r.First - 1).Take(r.Last - r.First + 1)));
        Assert.Equal(SectionIds.All.OrderBy(s => s), result.Keys.OrderBy(s => s));
        return result;
    }
}

namespace MarrowBot.Knowledge.Content;

/// <summary>The fixed section ids of the source document (shared/source/SECTIONS.md). Replies and evaluations use these strings.</summary>
public static class SectionIds
{
    public static IReadOnlyList<string> All { get; } =
    [
        "introduction",
        "why-bone-marrow-matters",
        "develops-quietly",
        "more-than-low-blood-counts",
        "why-causes-differ",
        "living-with-marrow-failure",
        "regenerative-thinking",
        "stem-cell-perspective",
        "final-thought",
    ];

    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}

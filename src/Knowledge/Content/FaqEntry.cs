namespace MarrowBot.Knowledge.Content;

/// <summary>A curated question and answer, grounded in the passages it cites.</summary>
public sealed record FaqEntry(
    string Id,
    string Question,
    string Answer,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Passages,
    IReadOnlyList<string> Variants,
    IReadOnlyList<string> FollowUps);

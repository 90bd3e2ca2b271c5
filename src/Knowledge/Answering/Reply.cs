using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// One message the bot sends, independent of any channel: its text (with [n] citation markers), the passages it
/// cites, the buttons it offers, and the outcome that clients, tests and staff tools read.
/// </summary>
public sealed record Reply(
    ReplyKind Kind,
    string Text,
    string Intent,
    float Confidence,
    IReadOnlyList<string> Sections,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<SuggestedAction> Suggestions)
{
    public TriageTier Triage { get; init; } = TriageTier.None;

    public IReadOnlyList<string> TriageCategories { get; init; } = [];

    /// <summary>
    /// Which part of the responder chose this reply (one of <see cref="ReplyPath"/>'s names), for staff reading a
    /// transcript; null for a reply the responder did not make.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>
    /// What fired for this reply: the triage rules, combinations and red flags by meaning (with the curated phrasing
    /// matched and its similarity), and for an answer the intents each opinion put first. Identifiers and numbers
    /// only, never the person's words: it goes back to the client in the outcome entity.
    /// </summary>
    public IReadOnlyList<ReplyEvidence> Evidence { get; init; } = [];
}

/// <summary>A numbered citation: the [n] marker in the reply text points at this passage of the source document.</summary>
public sealed record Citation(int Position, string PassageId, string Section, string Title, string Text);

/// <summary>A button the person can press instead of typing; pressing it sends <see cref="Value"/>.</summary>
public sealed record SuggestedAction(string Title, string Value);

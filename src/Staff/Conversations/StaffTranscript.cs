using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Staff.Conversations;

/// <summary>One conversation as the person saw it, with what the bot recorded about each reply and what staff added.</summary>
public sealed record StaffTranscript(InboxConversation Conversation, IReadOnlyList<TranscriptTurn> Turns);

/// <summary>
/// One message in the transcript: who sent it (user or bot), when, its (redacted) text, the titles of its
/// attachments and the text of its buttons; for a bot reply, its annotations and the person's reactions; and the
/// labels staff put on it. A deleted message keeps its place with <see cref="Deleted"/> set and no content.
/// </summary>
public sealed record TranscriptTurn(
    string ActivityId,
    DateTimeOffset Timestamp,
    string Role,
    string? Text,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<string> Buttons,
    ReplyAnnotations? Annotations,
    IReadOnlyList<string> Reactions,
    IReadOnlyList<TurnLabel> Labels)
{
    public bool Deleted { get; init; }

    public bool IsBot => Role == "bot";
}

/// <summary>
/// What the bot's outcome entity says about a reply: its kind, the intent and confidence, the triage tier and the
/// categories that fired, the evidence (rule names, never the person's words) and the path that chose the answer
/// where the reply records them, and the sections it cites.
/// </summary>
public sealed record ReplyAnnotations(
    string? Kind,
    string? Intent,
    double? Confidence,
    TriageTier Triage,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Sections,
    string? Path);

using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// One conversation's row, as staff tools see it: when it began and was last active, how many activities it has,
/// the highest triage tier any reply reached, whether the bot declined, asked a clarifying question or was asked
/// for a person, and the feedback (reactions) it got. No message text.
/// </summary>
public sealed record ConversationSummary(
    string ChannelId,
    string ConversationId,
    DateTimeOffset FirstActivityAt,
    DateTimeOffset LastActivityAt,
    int ActivityCount,
    TriageTier EscalatedTier,
    bool Declined,
    bool Clarified,
    bool HandoffRequested,
    int ReactionsAdded,
    int ReactionsRemoved,
    IReadOnlyList<FeedbackCount> Reactions);

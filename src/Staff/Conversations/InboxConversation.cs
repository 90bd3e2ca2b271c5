using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Staff.Conversations;

/// <summary>One row of the inbox: the conversation's flags and what staff did with it. No message text.</summary>
public sealed record InboxConversation(
    ConversationKey Key,
    DateTimeOffset FirstActivityAt,
    DateTimeOffset LastActivityAt,
    int ActivityCount,
    TriageTier EscalatedTier,
    bool Declined,
    bool Clarified,
    bool HandoffRequested,
    bool NegativeFeedback,
    StaffMark? Acknowledged,
    StaffMark? Reviewed)
{
    /// <summary>Urgent or emergency, and not acknowledged at that tier yet: shown first, highlighted.</summary>
    public bool NeedsAttention => EscalatedTier >= TriageTier.Urgent && (Acknowledged is null || Acknowledged.Tier < EscalatedTier);

    /// <summary>Not marked reviewed, or active again since it was.</summary>
    public bool NotReviewed => Reviewed is null || Reviewed.At < LastActivityAt;
}

/// <summary>Who acknowledged or reviewed a conversation, when, and (for an acknowledgement) the tier it had then.</summary>
public sealed record StaffMark(string By, DateTimeOffset At, TriageTier Tier);

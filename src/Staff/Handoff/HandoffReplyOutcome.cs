namespace MarrowBot.Staff.Handoff;

/// <summary>What a staff member's reply to a hand-off request came to.</summary>
public enum HandoffReplyOutcome
{
    Sent,
    InvalidText,
    NotFound,
    Closed,
    ConversationGone,
    DeliveryFailed,
}

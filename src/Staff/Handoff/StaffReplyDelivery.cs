namespace MarrowBot.Staff.Handoff;

/// <summary>What became of a staff member's reply.</summary>
public enum StaffReplyDelivery
{
    /// <summary>The channel took it: it is in the conversation and the transcript.</summary>
    Delivered,

    /// <summary>The conversation can no longer be reached (a local web chat conversation forgotten after a restart or a long idle time).</summary>
    ConversationGone,

    /// <summary>The channel refused it or could not be reached; nothing was delivered.</summary>
    Failed,
}

namespace MarrowBot.Staff.Conversations;

/// <summary>
/// The conversations staff review: the inbox (filtered, searched, paged, counted), one conversation's transcript
/// with the bot's and the staff's annotations, and what staff record about them (acknowledged, reviewed, labels).
/// The bot's store implements it for the configured provider; it reads redacted transcripts only.
/// </summary>
public interface IStaffConversations
{
    /// <summary>
    /// A page of at most <see cref="InboxQuery.PageSize"/> conversations: escalated (urgent or emergency) ones not
    /// acknowledged at their tier first, then the rest, each newest first (keyset paging).
    /// </summary>
    /// <exception cref="StaffInputException">The page token was not issued by this store.</exception>
    Task<InboxResults> ListAsync(InboxQuery query, CancellationToken cancellationToken);

    /// <summary>Counts per filter for the query's date range, channel and search.</summary>
    Task<InboxCounts> CountAsync(InboxQuery query, CancellationToken cancellationToken);

    /// <summary>The conversation's messages in order with their annotations, or null if nothing of it is stored.</summary>
    Task<StaffTranscript?> GetTranscriptAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="by"/> has seen the conversation's escalation at its current tier; false when the conversation is unknown.</summary>
    Task<bool> AcknowledgeAsync(ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="by"/> reviewed the conversation; false when the conversation is unknown.</summary>
    Task<bool> MarkReviewedAsync(ConversationKey key, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds a label to one of the bot's replies; false when the conversation has no bot reply with that id.</summary>
    /// <exception cref="StaffInputException">The label is not one of <see cref="TurnLabels"/>, or the note is too long.</exception>
    Task<bool> LabelTurnAsync(ConversationKey key, string activityId, string label, string? note, string by, DateTimeOffset at, CancellationToken cancellationToken);
}

namespace MarrowBot.Staff.Handoff;

/// <summary>A request for a person in the hand-off queue. It holds no message text.</summary>
/// <param name="Id">The queue's own id, used in the console's routes.</param>
/// <param name="ConversationReference">The Bot Framework conversation reference as JSON, for the reply.</param>
/// <param name="RequestedAt">When the person asked (again, after an answer: when they asked again).</param>
/// <param name="AnsweredBy">The staff member who last replied, or null.</param>
public sealed record HandoffRequest(
    long Id,
    string ChannelId,
    string ConversationId,
    string ServiceUrl,
    string ConversationReference,
    HandoffState State,
    DateTimeOffset RequestedAt,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? ClosedAt);

namespace MarrowBot.Staff.Handoff;

/// <summary>A hand-off request as the console's API shows it (no conversation reference, no text).</summary>
public sealed record HandoffView(
    long Id,
    string ChannelId,
    string ConversationId,
    string State,
    DateTimeOffset RequestedAt,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? ClosedAt)
{
    public static HandoffView From(HandoffRequest request) => new(
        request.Id,
        request.ChannelId,
        request.ConversationId,
        request.State.ToString().ToLowerInvariant(),
        request.RequestedAt,
        request.AnsweredBy,
        request.AnsweredAt,
        request.ClosedAt);
}

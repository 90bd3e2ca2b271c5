using MarrowBot.Staff.Conversations;

namespace MarrowBot.Staff.Api;

/// <summary>The API's JSON shapes: plain names, tiers as words, each conversation with the path segment that names it.</summary>
public static class StaffJson
{
    public static object Conversation(InboxConversation c) => new
    {
        channel = c.Key.ChannelId,
        id = c.Key.ConversationId,
        key = c.Key.ToSegment(),
        firstActivityAt = c.FirstActivityAt,
        lastActivityAt = c.LastActivityAt,
        activityCount = c.ActivityCount,
        tier = c.EscalatedTier.ToString().ToLowerInvariant(),
        declined = c.Declined,
        clarified = c.Clarified,
        handoffRequested = c.HandoffRequested,
        negativeFeedback = c.NegativeFeedback,
        needsAttention = c.NeedsAttention,
        notReviewed = c.NotReviewed,
        acknowledged = c.Acknowledged is { } a ? new { by = a.By, at = a.At, tier = a.Tier.ToString().ToLowerInvariant() } : null,
        reviewed = c.Reviewed is { } r ? new { by = r.By, at = r.At } : null,
    };

    public static object Counts(InboxCounts counts) => new
    {
        total = counts.Total,
        urgent = counts.Urgent,
        emergency = counts.Emergency,
        needsAttention = counts.NeedsAttention,
        declined = counts.Declined,
        clarified = counts.Clarified,
        handoffRequested = counts.HandoffRequested,
        negativeFeedback = counts.NegativeFeedback,
        notReviewed = counts.NotReviewed,
    };

    public static object Transcript(StaffTranscript transcript) => new
    {
        conversation = Conversation(transcript.Conversation),
        turns = transcript.Turns.Select(Turn),
    };

    private static object Turn(TranscriptTurn t) => new
    {
        activityId = t.ActivityId,
        activityKey = ConversationKey.EncodeSegment(t.ActivityId),
        timestamp = t.Timestamp,
        role = t.Role,
        deleted = t.Deleted,
        text = t.Text,
        attachments = t.Attachments,
        buttons = t.Buttons,
        annotations = t.Annotations is { } a
            ? new
            {
                kind = a.Kind,
                intent = a.Intent,
                confidence = a.Confidence,
                triage = a.Triage.ToString().ToLowerInvariant(),
                categories = a.Categories,
                evidence = a.Evidence,
                sections = a.Sections,
                path = a.Path,
            }
            : null,
        reactions = t.Reactions,
        labels = t.Labels.Select(l => new { label = l.Label, note = l.Note, by = l.By, at = l.At }),
    };
}

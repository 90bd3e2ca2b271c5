using System.Globalization;
using System.Text;
using CsvHelper;
using MarrowBot.Staff.Conversations;

namespace MarrowBot.Staff.Api;

/// <summary>
/// Exports as CSV (CsvHelper; a value that a spreadsheet would run as a formula is escaped) or JSON: the inbox's
/// conversations for a query (flags and staff marks, no text), or one conversation's turns with their text and
/// annotations.
/// </summary>
public static class StaffExport
{
    /// <summary>The most conversations one export holds; the response says when it stopped there.</summary>
    public const int MaxConversations = 10_000;

    private static readonly CsvWriterOptions Csv = new() { Injection = CsvInjection.Escape };

    public static async Task<(IReadOnlyList<InboxConversation> Conversations, bool Truncated)> CollectAsync(IStaffConversations store, InboxQuery query, CancellationToken cancellationToken)
    {
        var all = new List<InboxConversation>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(query with { PageToken = token }, cancellationToken);
            all.AddRange(page.Conversations);
            token = page.NextPageToken;
        }
        while (token is not null && all.Count < MaxConversations);

        return (all.Take(MaxConversations).ToList(), token is not null);
    }

    public static string InboxCsv(IEnumerable<InboxConversation> conversations)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(text, Csv, leaveOpen: true);
        csv.WriteRecord(
        [
            "channel", "conversation_id", "first_activity_at", "last_activity_at", "activity_count", "tier", "declined", "clarified", "handoff_requested",
            "negative_feedback", "needs_attention", "acknowledged_by", "acknowledged_at", "reviewed_by", "reviewed_at",
        ]);
        foreach (var c in conversations)
        {
            csv.WriteField(c.Key.ChannelId);
            csv.WriteField(c.Key.ConversationId);
            csv.WriteField(Time(c.FirstActivityAt));
            csv.WriteField(Time(c.LastActivityAt));
            csv.WriteField(c.ActivityCount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.EscalatedTier.ToString().ToLowerInvariant());
            csv.WriteField(c.Declined ? "true" : "false");
            csv.WriteField(c.Clarified ? "true" : "false");
            csv.WriteField(c.HandoffRequested ? "true" : "false");
            csv.WriteField(c.NegativeFeedback ? "true" : "false");
            csv.WriteField(c.NeedsAttention ? "true" : "false");
            csv.WriteField(c.Acknowledged?.By);
            csv.WriteField(Time(c.Acknowledged?.At));
            csv.WriteField(c.Reviewed?.By);
            csv.WriteField(Time(c.Reviewed?.At));
            csv.EndRecord();
        }

        csv.Flush();
        csv.Dispose();
        return text.ToString();
    }

    public static string TranscriptCsv(StaffTranscript transcript)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(text, Csv, leaveOpen: true);
        csv.WriteRecord(
        [
            "channel", "conversation_id", "activity_id", "timestamp", "role", "text", "attachments", "buttons", "kind", "intent", "confidence", "triage",
            "categories", "evidence", "sections", "path", "reactions", "labels",
        ]);
        foreach (var t in transcript.Turns)
        {
            var a = t.Annotations;
            csv.WriteField(transcript.Conversation.Key.ChannelId);
            csv.WriteField(transcript.Conversation.Key.ConversationId);
            csv.WriteField(t.ActivityId);
            csv.WriteField(Time(t.Timestamp));
            csv.WriteField(t.Role);
            csv.WriteField(t.Deleted ? "(deleted)" : t.Text);
            csv.WriteField(string.Join("; ", t.Attachments));
            csv.WriteField(string.Join("; ", t.Buttons));
            csv.WriteField(a?.Kind);
            csv.WriteField(a?.Intent);
            csv.WriteField(a?.Confidence?.ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(a?.Triage.ToString().ToLowerInvariant());
            csv.WriteField(a is null ? null : string.Join("; ", a.Categories));
            csv.WriteField(a is null ? null : string.Join("; ", a.Evidence));
            csv.WriteField(a is null ? null : string.Join("; ", a.Sections));
            csv.WriteField(a?.Path);
            csv.WriteField(string.Join("; ", t.Reactions));
            csv.WriteField(string.Join("; ", t.Labels.Select(l => $"{l.Label} by {l.By} at {Time(l.At)}" + (l.Note is null ? string.Empty : $": {l.Note}"))));
            csv.EndRecord();
        }

        csv.Flush();
        csv.Dispose();
        return text.ToString();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

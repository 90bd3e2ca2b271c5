using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// What a batch of new activities adds to one conversation's row: times, count, the highest triage tier, whether
/// the bot declined, asked a clarifying question or was asked for a person, and the reactions it got. The store
/// merges it with the stored row (earliest first time, latest last time, sums, maximum tier, flags once set stay set).
/// </summary>
public sealed record ConversationTally(
    string ChannelId,
    string ConversationId,
    DateTimeOffset FirstActivityAt,
    DateTimeOffset LastActivityAt,
    int ActivityCount,
    TriageTier EscalatedTier,
    bool Declined,
    bool Clarified,
    bool HandoffRequested,
    IReadOnlyList<FeedbackCount> Reactions)
{
    public int ReactionsAdded => Reactions.Sum(r => r.Added);

    public int ReactionsRemoved => Reactions.Sum(r => r.Removed);

    /// <summary>One tally per conversation among the new (not updated or deleted) activities, in a stable order so that writers lock rows alike.</summary>
    public static IReadOnlyList<ConversationTally> Of(IEnumerable<TranscriptRecord> records) =>
        records
            .Where(r => !r.IsUpdate && !r.IsDelete)
            .GroupBy(r => (r.ChannelId, r.ConversationId))
            .OrderBy(g => g.Key.ChannelId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ConversationId, StringComparer.Ordinal)
            .Select(g => new ConversationTally(
                g.Key.ChannelId,
                g.Key.ConversationId,
                g.Min(r => r.Timestamp),
                g.Max(r => r.Timestamp),
                g.Count(),
                g.Max(r => r.Triage ?? TriageTier.None),
                g.Any(r => r.OutcomeKind == "decline"),
                g.Any(r => r.OutcomeKind == "clarify"),
                g.Any(r => r.OutcomeKind == "handoff"),
                Feedback(g)))
            .ToList();

    private static List<FeedbackCount> Feedback(IEnumerable<TranscriptRecord> records)
    {
        var added = records.SelectMany(r => r.ReactionsAdded).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var removed = records.SelectMany(r => r.ReactionsRemoved).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return added.Keys.Union(removed.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(type => new FeedbackCount(type, added.GetValueOrDefault(type), removed.GetValueOrDefault(type)))
            .ToList();
    }
}

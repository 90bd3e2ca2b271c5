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
    /// <remarks>A plain loop: it runs on the transcript writer for every batch, where grouping with LINQ cost a seventh of the insert.</remarks>
    public static IReadOnlyList<ConversationTally> Of(IEnumerable<TranscriptRecord> records)
    {
        var tallies = new Dictionary<(string Channel, string Conversation), Accumulator>();
        foreach (var record in records)
        {
            if (record.IsUpdate || record.IsDelete)
            {
                continue;
            }

            var key = (record.ChannelId, record.ConversationId);
            if (!tallies.TryGetValue(key, out var tally))
            {
                tallies[key] = tally = new Accumulator(record.Timestamp);
            }

            tally.Add(record);
        }

        return tallies
            .OrderBy(t => t.Key.Channel, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Conversation, StringComparer.Ordinal)
            .Select(t => t.Value.ToTally(t.Key.Channel, t.Key.Conversation))
            .ToList();
    }

    private sealed class Accumulator(DateTimeOffset first)
    {
        private DateTimeOffset _first = first;
        private DateTimeOffset _last = first;
        private int _count;
        private TriageTier _tier;
        private bool _declined;
        private bool _clarified;
        private bool _handoff;
        private SortedDictionary<string, (int Added, int Removed)>? _reactions;

        public void Add(TranscriptRecord record)
        {
            _first = record.Timestamp < _first ? record.Timestamp : _first;
            _last = record.Timestamp > _last ? record.Timestamp : _last;
            _count++;
            _tier = record.Triage is { } tier && tier > _tier ? tier : _tier;
            _declined |= record.OutcomeKind == "decline";
            _clarified |= record.OutcomeKind == "clarify";
            _handoff |= record.OutcomeKind == "handoff";
            foreach (var type in record.ReactionsAdded)
            {
                Count(type, added: 1, removed: 0);
            }

            foreach (var type in record.ReactionsRemoved)
            {
                Count(type, added: 0, removed: 1);
            }
        }

        public ConversationTally ToTally(string channel, string conversation) =>
            new(channel, conversation, _first, _last, _count, _tier, _declined, _clarified, _handoff,
                _reactions?.Select(r => new FeedbackCount(r.Key, r.Value.Added, r.Value.Removed)).ToList() ?? []);

        private void Count(string type, int added, int removed)
        {
            _reactions ??= new SortedDictionary<string, (int Added, int Removed)>(StringComparer.Ordinal);
            var (a, r) = _reactions.GetValueOrDefault(type);
            _reactions[type] = (a + added, r + removed);
        }
    }
}

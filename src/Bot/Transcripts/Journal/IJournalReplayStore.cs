namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// A transcript store that can take activities replayed from the journal. A replayed activity may already be stored
/// (a write that timed out but committed, or a replay cut short by a crash), so the store skips any activity whose
/// channel, conversation, id, type and time are already there; escalation marks raise the conversation's tier.
/// </summary>
public interface IJournalReplayStore
{
    /// <summary>Stores, in one transaction, what is not stored yet; returns how many activities were added.</summary>
    Task<int> ReplayAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken);
}

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>One record of the journal, as read back: activities in the order they were buffered, and escalation marks.</summary>
public sealed record JournalBatch(long Offset, IReadOnlyList<TranscriptRecord> Records, IReadOnlyList<EscalationMark> Escalations);

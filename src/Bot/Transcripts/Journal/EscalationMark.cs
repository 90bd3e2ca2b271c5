using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// That a conversation was escalated: its tier and when. Written to the journal before an urgent or emergency reply
/// is sent, and merged into the conversation's row (highest tier kept), so the flag survives whatever happens to the
/// transcript activity itself.
/// </summary>
public sealed record EscalationMark(string ChannelId, string ConversationId, TriageTier Tier, DateTimeOffset At);

namespace MarrowBot.Knowledge.Answering;

/// <summary>The kind of a reply, as reported in the outcome entity every reply carries.</summary>
public enum ReplyKind
{
    Welcome,
    Answer,
    Clarify,
    Decline,
    Smalltalk,
    Handoff,
    Triage,
    Error,
}

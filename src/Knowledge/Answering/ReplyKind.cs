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

    /// <summary>A staff member's reply to a hand-off request, sent from the console; the responder never gives it.</summary>
    Staff,
}

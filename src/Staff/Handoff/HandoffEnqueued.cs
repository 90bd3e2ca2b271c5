namespace MarrowBot.Staff.Handoff;

/// <summary>The request a conversation has in the queue after asking, and whether it was already waiting there.</summary>
public sealed record HandoffEnqueued(HandoffRequest Request, bool AlreadyWaiting);

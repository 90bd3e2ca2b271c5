namespace MarrowBot.Staff.Handoff;

/// <summary>The body of POST /staff/api/handoffs/{id}/reply: the reply's plain text.</summary>
public sealed record HandoffReplyBody(string? Text);

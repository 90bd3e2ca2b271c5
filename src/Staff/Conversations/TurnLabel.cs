namespace MarrowBot.Staff.Conversations;

/// <summary>A reviewer's label on one bot reply: one of <see cref="TurnLabels"/>, an optional note, who and when.</summary>
public sealed record TurnLabel(string ActivityId, string Label, string? Note, string By, DateTimeOffset At);

namespace MarrowBot.Bot.Transcripts;

/// <summary>How often people added and removed one reaction type (like, heart, ...) in a conversation. Counts only.</summary>
public sealed record FeedbackCount(string Type, int Added, int Removed);

namespace MarrowBot.Bot.Channels.Teams;

/// <summary>How many reactions of one type a reply of the bot's currently has (added minus removed).</summary>
public sealed record ReactionCount(string ReplyToId, string Type, int Count);

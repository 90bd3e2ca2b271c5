namespace MarrowBot.Knowledge.Answering;

/// <summary>The replies to one message, in order, and the memory to keep for the next turn.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, ConversationMemory Memory);

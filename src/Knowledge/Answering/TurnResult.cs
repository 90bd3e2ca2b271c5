namespace MarrowBot.Knowledge.Answering;

/// <summary>The replies to one message, in order, and the memory to keep for the next turn.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, ConversationMemory Memory)
{
    /// <summary>The person confirmed "forget me": the host deletes this conversation's transcript and state after the turn.</summary>
    public bool ForgetConversation { get; init; }
}

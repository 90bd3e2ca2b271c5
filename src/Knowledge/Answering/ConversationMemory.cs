namespace MarrowBot.Knowledge.Answering;

/// <summary>What the responder remembers between turns of one conversation; the bot keeps it in conversation state.</summary>
public sealed record ConversationMemory
{
    public static ConversationMemory New { get; } = new();

    /// <summary>The welcome has been shown.</summary>
    public bool Welcomed { get; init; }

    /// <summary>The intents last offered in a clarifying question, so "the first one" or "2" can pick one.</summary>
    public IReadOnlyList<string> PendingChoices { get; init; } = [];
}

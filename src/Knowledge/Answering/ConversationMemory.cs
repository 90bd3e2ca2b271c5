using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Answering;

/// <summary>What the responder remembers between turns of one conversation; the bot keeps it in conversation state.</summary>
public sealed record ConversationMemory
{
    public static ConversationMemory New { get; } = new();

    /// <summary>The welcome has been shown.</summary>
    public bool Welcomed { get; init; }

    /// <summary>The intents last offered in a clarifying question, so "the first one" or "2" can pick one.</summary>
    public IReadOnlyList<string> PendingChoices { get; init; } = [];

    /// <summary>The highest triage tier seen in this conversation: staff tools find flagged conversations by it.</summary>
    public TriageTier EscalatedTier { get; init; }

    /// <summary>The tier and categories of the last safety reply, for its buttons ("Who should I call?").</summary>
    public TriageTier LastTriageTier { get; init; }

    public IReadOnlyList<string> LastTriageCategories { get; init; } = [];

    /// <summary>The person asked to be forgotten and the bot is waiting for them to confirm.</summary>
    public bool PendingForget { get; init; }

    /// <summary>Set while the bot waits for the answer to its triage follow-up question.</summary>
    public TriageFollowUp? FollowUp { get; init; }
}

/// <summary>A pending triage follow-up: the tier already reached, which the answer can raise but never lower.</summary>
public sealed record TriageFollowUp(TriageTier TierReached, IReadOnlyList<string> Categories);

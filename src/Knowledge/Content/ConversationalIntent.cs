namespace MarrowBot.Knowledge.Content;

/// <summary>An intent that is not a medical topic: greetings, thanks, asking for a person, out-of-scope questions.</summary>
public sealed record ConversationalIntent(string Id, ConversationalKind Kind, IReadOnlyList<string> Replies, IReadOnlyList<string> Variants);

/// <summary>How the bot treats a conversational intent.</summary>
public enum ConversationalKind
{
    /// <summary>Friendly small talk: greeting, thanks, goodbye, help, "are you a person".</summary>
    Smalltalk,

    /// <summary>The person asks for a human.</summary>
    Handoff,

    /// <summary>A question the reviewed article does not answer.</summary>
    Decline,
}

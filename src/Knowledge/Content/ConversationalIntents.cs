namespace MarrowBot.Knowledge.Content;

/// <summary>Ids of the conversational intents the bot's behaviour depends on.</summary>
public static class ConversationalIntents
{
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string Help = "help";
    public const string AreYouHuman = "are-you-human";
    public const string HumanHandoff = "human-handoff";
    public const string OutOfScope = "out-of-scope";

    public static IReadOnlyList<string> Required { get; } = [Greeting, Thanks, Goodbye, Help, AreYouHuman, HumanHandoff, OutOfScope];
}

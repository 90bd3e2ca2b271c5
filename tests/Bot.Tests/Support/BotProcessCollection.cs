namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// Tests that run the bot as a separate process run alone: their bounds (an escalation mark on disk within a second,
/// a stop within the shutdown budget) are the bot's own, and other tests' hosts sharing a small machine's cores
/// would make them measure the machine rather than the bot.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BotProcessCollection
{
    public const string Name = "Bot processes";
}

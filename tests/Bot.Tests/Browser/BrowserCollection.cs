namespace MarrowBot.Bot.Tests.Browser;

/// <summary>
/// The tests that drive Debian's Chromium run one class at a time, after the others: a browser, its renderer and
/// a real host per class on two shared cores made a page wait past its timeout when several ran at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

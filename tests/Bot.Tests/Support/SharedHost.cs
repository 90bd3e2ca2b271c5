namespace MarrowBot.Bot.Tests.Support;

/// <summary>One running host shared by a test class; each test uses its own conversation id.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>
/// One host in local mode that accepts the Teams service URL (<c>Security:AllowedServiceUrls</c>): without an app id
/// the bot otherwise replies only to loopback service URLs.
/// </summary>
public sealed class LocalTeamsHost : IAsyncLifetime
{
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Security:AllowedServiceUrls:0"] = TeamsActivities.ServiceUrl,
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

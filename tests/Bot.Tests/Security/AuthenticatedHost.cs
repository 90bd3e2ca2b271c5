using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>A fake Bot Framework issuer and the real host configured as a multi-tenant bot that trusts it.</summary>
public sealed class AuthenticatedHost : IAsyncLifetime
{
    public const string AppId = "0b6f1d2e-4c3a-4b5d-9e8f-7a6b5c4d3e2f";

    public FakeBotFrameworkIssuer Issuer { get; private set; } = null!;

    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await FakeBotFrameworkIssuer.StartAsync();
        Host = await BotHost.StartAsync(settings: Issuer.BotSettings(AppId, "MultiTenant"));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

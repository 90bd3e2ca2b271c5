using System.Security.Claims;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Conversation;

/// <summary>The per-turn connector and user-token clients are built only when a turn uses them (ADR 0015), through the real host.</summary>
public sealed class DeferredClientsAuthenticationTests
{
    [Fact]
    public async Task ATurnWithExpectedRepliesIsAnsweredWithoutBuildingAConnectorOrUserTokenClient()
    {
        var counting = new CountingAuthentication();
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<BotFrameworkAuthentication>(counting));

        var replies = await host.SendAsync(Message("my dad collapsed and is not breathing", "conv-deferred-1"));

        Assert.Equal("emergency", (string)Outcome(replies.Single())["triage"]!);
        Assert.Equal(1, counting.Authenticated);
        Assert.Equal(0, counting.ConnectorClientsBuilt);
        Assert.Equal(0, counting.UserTokenClientsBuilt);
    }

    [Fact]
    public async Task ATurnThatPostsItsRepliesStillGetsItsConnectorClient()
    {
        var counting = new CountingAuthentication();
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<BotFrameworkAuthentication>(counting));
        var message = Message("hello", "conv-deferred-2");

        // Normal delivery: the replies are posted to the activity's serviceUrl (nothing listens there, so they fail; the client was still built for them).
        using var response = await host.PostAsync(message.ToString());

        Assert.Equal(1, counting.ConnectorClientsBuilt);
    }

    /// <summary>Local-mode authentication, counting what it builds.</summary>
    private sealed class CountingAuthentication : BotFrameworkAuthentication
    {
        private readonly BotFrameworkAuthentication _inner = new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build());
        private int _authenticated;
        private int _connectorClients;
        private int _userTokenClients;

        public int Authenticated => Volatile.Read(ref _authenticated);

        public int ConnectorClientsBuilt => Volatile.Read(ref _connectorClients);

        public int UserTokenClientsBuilt => Volatile.Read(ref _userTokenClients);

        public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _authenticated);
            var result = await _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
            result.ConnectorFactory = new CountingFactory(result.ConnectorFactory, () => Interlocked.Increment(ref _connectorClients));
            return result;
        }

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
            new CountingFactory(_inner.CreateConnectorFactory(claimsIdentity), () => Interlocked.Increment(ref _connectorClients));

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _userTokenClients);
            return _inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
        }

        public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();
    }

    private sealed class CountingFactory(ConnectorFactory inner, Action built) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            built();
            return inner.CreateAsync(serviceUrl, audience, cancellationToken);
        }
    }
}

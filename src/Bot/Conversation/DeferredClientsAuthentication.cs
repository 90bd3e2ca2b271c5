using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Conversation;

/// <summary>
/// The configured <see cref="BotFrameworkAuthentication"/>, unchanged in what it checks and whom it trusts, except
/// that the two clients CloudAdapter builds for every turn are built when the turn first uses them instead of
/// before it starts. Building them (Microsoft.Rest's <c>ServiceClient</c>: new regular expressions and reflection
/// over assembly attributes for the user agent) was about a sixth of the bot's CPU per turn (ADR 0015), and most
/// turns use neither: a turn with deliveryMode expectReplies (the local Direct Line channel, the buffered mode of
/// /api/messages) returns its replies in the response instead of posting them, and no turn here asks for a user
/// token. The connector client is deferred only for such turns; a turn that posts its replies gets it as before.
/// </summary>
public sealed class DeferredClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    /// <inheritdoc/>
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        if (activity?.DeliveryMode == DeliveryModes.ExpectReplies && result.ConnectorFactory is { } factory)
        {
            result.ConnectorFactory = new DeferredConnectorFactory(factory);
        }

        return result;
    }

    /// <inheritdoc/>
    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    /// <inheritdoc/>
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    /// <inheritdoc/>
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new DeferredUserTokenClient(ct => inner.CreateUserTokenClientAsync(claimsIdentity, ct)));

    /// <inheritdoc/>
    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    /// <inheritdoc/>
    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    /// <inheritdoc/>
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>Hands out connector clients that are built on first use.</summary>
    private sealed class DeferredConnectorFactory(ConnectorFactory inner) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            Task.FromResult<IConnectorClient>(new DeferredConnectorClient(() => inner.CreateAsync(serviceUrl, audience, CancellationToken.None)));
    }

    /// <summary>A connector client built by the real factory the first time any of its members is used.</summary>
    private sealed class DeferredConnectorClient(Func<Task<IConnectorClient>> create) : IConnectorClient
    {
        private readonly Lazy<IConnectorClient> _client = new(() => create().GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

        public Uri BaseUri
        {
            get => _client.Value.BaseUri;
            set => _client.Value.BaseUri = value;
        }

        public JsonSerializerSettings SerializationSettings => _client.Value.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => _client.Value.DeserializationSettings;

        public ServiceClientCredentials Credentials => _client.Value.Credentials;

        public IAttachments Attachments => _client.Value.Attachments;

        public IConversations Conversations => _client.Value.Conversations;

        public void Dispose()
        {
            if (_client.IsValueCreated)
            {
                _client.Value.Dispose();
            }
        }
    }

    /// <summary>A user token client built by the real authentication the first time it is asked for anything.</summary>
    private sealed class DeferredUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private UserTokenClient? _client;

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await ClientAsync(cancellationToken)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _client?.Dispose();
                _gate.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task<UserTokenClient> ClientAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _client) is { } client)
            {
                return client;
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                return _client ??= await create(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

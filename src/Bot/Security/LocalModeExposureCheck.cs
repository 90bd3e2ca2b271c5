using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MarrowBot.Bot.Security;

/// <summary>
/// Warns at start when the bot runs in local mode (no app id, so <c>/api/messages</c> takes anyone's activities
/// unauthenticated) but listens beyond loopback, where other machines can reach it. The default <c>Urls</c> is
/// loopback; this catches a deployment that widened it without configuring Bot Framework authentication.
/// </summary>
public sealed partial class LocalModeExposureCheck(IServer server, IHostApplicationLifetime lifetime, BotAppIdentity identity, ILogger<LocalModeExposureCheck> logger) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The addresses are final once the server has started, which is after hosted services start.
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logs one warning per non-loopback address the server listens on, in local mode.</summary>
    public void Check()
    {
        if (!identity.IsLocalMode)
        {
            return;
        }

        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!IsLoopbackAddress(address))
            {
                LogExposed(logger, address);
            }
        }
    }

    /// <summary>True for a listening address such as <c>http://127.0.0.1:3978</c>, <c>http://[::1]:80</c> or <c>http://localhost:5000</c>; false for <c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c> and any other host.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        // Kestrel accepts wildcards that Uri does not parse: "http://*:80", "http://+:80".
        var host = BindingAddress.Parse(address).Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local mode (no MicrosoftAppId) is listening on {Address}, which is not a loopback address: anyone who can reach it can talk to the bot without authentication. Bind 127.0.0.1 (Urls) or configure Bot Framework authentication.")]
    private static partial void LogExposed(ILogger logger, string address);
}

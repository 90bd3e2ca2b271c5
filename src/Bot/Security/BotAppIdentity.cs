using Microsoft.Bot.Connector.Authentication;

namespace MarrowBot.Bot.Security;

/// <summary>
/// The bot's Microsoft app id as the Bot Framework reads it (<c>MicrosoftAppId</c>); an empty one is local mode,
/// where the Bot Framework checks no tokens at all.
/// </summary>
public sealed class BotAppIdentity(IConfiguration configuration)
{
    /// <summary>The app id, or empty in local mode.</summary>
    public string AppId { get; } = configuration[MicrosoftAppCredentials.MicrosoftAppIdKey] ?? string.Empty;

    /// <summary>True when no app id is set: the same test the Bot Framework's credential factory uses to switch authentication off.</summary>
    public bool IsLocalMode => string.IsNullOrEmpty(AppId);
}

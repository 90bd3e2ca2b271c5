namespace MarrowBot.Bot.Security;

/// <summary>What <see cref="ServiceUrlPolicy"/> makes of an inbound activity's serviceUrl.</summary>
public enum ServiceUrlVerdict
{
    /// <summary>The bot may reply there.</summary>
    Allowed,

    /// <summary>Missing, empty or not an absolute http(s) URL: a protocol error (400).</summary>
    Malformed,

    /// <summary>A well-formed URL the bot must not send to: in local mode, neither loopback nor configured (403).</summary>
    NotAllowed,
}

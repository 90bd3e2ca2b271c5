using Microsoft.IdentityModel.Tokens;

namespace MarrowBot.Bot.Security;

/// <summary>
/// Names why the Bot Framework refused a token, in a fixed vocabulary, for the log: the exception's own message is
/// never logged, because some carry values taken from the token (the audience it claimed, for one).
/// </summary>
public static class TokenRejection
{
    /// <summary>A short reason for a failed authentication.</summary>
    public static string ReasonFor(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenInvalidIssuerException => "token issuer not accepted",
        SecurityTokenInvalidAudienceException => "token audience is not this bot",
        SecurityTokenSignatureKeyNotFoundException => "token signed by an unknown key",
        SecurityTokenInvalidSignatureException => "token signature not valid",
        SecurityTokenInvalidAlgorithmException => "token signing algorithm not accepted",
        SecurityTokenMalformedException or ArgumentException or FormatException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException => "token malformed",
        SecurityTokenException => "token not valid",
        UnauthorizedAccessException => ReasonForSdkMessage(exception.Message),
        _ => "token could not be verified",
    };

    // The Bot Framework SDK reports most of its own checks as UnauthorizedAccessException with fixed messages;
    // only the prefix is compared, so nothing after it (such as a claimed app id) is ever used.
    private static string ReasonForSdkMessage(string message) => message switch
    {
        _ when message.StartsWith("No Authorization header", StringComparison.Ordinal) => "no Authorization header",
        _ when message.StartsWith("The token has expired", StringComparison.Ordinal) => "token expired",
        _ when message.StartsWith("Invalid AppId", StringComparison.Ordinal) || message.Contains("aud claim", StringComparison.Ordinal) => "token audience is not this bot",
        _ when message.StartsWith("Could not validate endorsement", StringComparison.Ordinal) || message.StartsWith("Could not validate additional endorsement", StringComparison.Ordinal) => "token key not endorsed for the channel",
        _ when message.StartsWith("Token signing algorithm", StringComparison.Ordinal) => "token signing algorithm not accepted",
        _ when message.Contains("serviceurl claim", StringComparison.Ordinal) => "serviceUrl not the one the token was issued for",
        _ when message.StartsWith("No valid identity", StringComparison.OrdinalIgnoreCase) || message.StartsWith("Invalid Identity", StringComparison.Ordinal) => "token issuer or scheme not accepted",
        _ => "token refused by the Bot Framework checks",
    };
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>
/// Signed, expiring tokens that bind a visitor to one conversation: "mb1.{payload}.{signature}", where the payload
/// is conversation id, user id and expiry, and the signature is HMAC-SHA256 with the configured key.
/// </summary>
public sealed class DirectLineTokens
{
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        var configured = options.Value.TokenSigningKey;
        _key = string.IsNullOrWhiteSpace(configured) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        _lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        _clock = clock;
        UsesRandomKey = string.IsNullOrWhiteSpace(configured);
    }

    public bool UsesRandomKey { get; }

    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    public string Issue(string conversationId, string userId)
    {
        var expires = _clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = Base64Url($"{conversationId}\n{userId}\n{expires}");
        return $"mb1.{payload}.{Sign(payload)}";
    }

    /// <summary>Reads a token; null when it is malformed, forged or expired.</summary>
    public DirectLineGrant? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != "mb1" || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        string[] fields;
        try
        {
            fields = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Split('\n');
        }
        catch (FormatException)
        {
            return null;
        }

        if (fields.Length != 3 || !long.TryParse(fields[2], out var expires) || _clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        return new DirectLineGrant(fields[0], fields[1]);
    }

    /// <summary>The token from an "Authorization: Bearer" header.</summary>
    public DirectLineGrant? FromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Validate(header[7..].Trim()) : null;
    }

    private string Sign(string payload) => Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload)));

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}

/// <summary>What a valid token allows: one user in one conversation.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId);

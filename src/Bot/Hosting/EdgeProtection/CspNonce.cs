using System.Security.Cryptography;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// A fresh random nonce per page response. Web Chat's CSS-in-JS inserts style elements at run time; given the
/// nonce (the page passes it to renderWebChat), it marks them with it, so the policy allows those and no other
/// inline style, instead of style-src 'unsafe-inline'.
/// </summary>
public static class CspNonce
{
    private const string ItemKey = "marrowbot.csp-nonce";

    /// <summary>The nonce of this response, created on first use.</summary>
    public static string For(HttpContext context)
    {
        if (Existing(context) is { } nonce)
        {
            return nonce;
        }

        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[ItemKey] = nonce;
        return nonce;
    }

    /// <summary>The nonce the page was given, or null when the response is not a page that asked for one.</summary>
    public static string? Existing(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;
}

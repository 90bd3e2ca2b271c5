using MarrowBot.Bot.Channels.DirectLine;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// The Content-Security-Policy of the page and of everything else. The page loads only its own scripts (no inline
/// script, no eval), its own stylesheet plus the style elements Web Chat's CSS-in-JS inserts with the page's nonce
/// (<see cref="CspNonce"/>; no 'unsafe-inline'), images from itself and data:/blob: (avatars, upload previews),
/// posts no form (the staff console's pages post theirs to this origin only), and talks only to this origin (the token endpoint, Direct Line over HTTP and its WebSocket) or, with an Azure
/// secret, to Azure's Direct Line. Nothing may frame it. Responses that are not pages get a policy that allows
/// nothing.
/// </summary>
public sealed class ContentSecurityPolicy(IOptions<DirectLineOptions> directLine)
{
    public const string NotAPage = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private readonly string _azure = AzureSources(directLine.Value);

    /// <summary>The policy for a page served to <paramref name="request"/>'s host (its WebSocket origin named exactly).</summary>
    public string ForPage(HttpRequest request, string? nonce)
    {
        var host = request.Host.HasValue ? request.Host.ToUriComponent() : null;
        var sockets = host is null ? string.Empty : $" ws://{host} wss://{host}";
        var styles = nonce is null ? "'self'" : $"'self' 'nonce-{nonce}'";

        // The staff console's pages post forms to themselves (sign-in, sign-out, acknowledge, mark reviewed, label, the
        // hand-off queue's replies); the visitor's page posts none.
        var forms = request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase) ? "'self'" : "'none'";
        return $"default-src 'none'; script-src 'self'; style-src {styles}; img-src 'self' data: blob:; "
            + "font-src 'self' data:; media-src 'self' data: blob:; "
            + $"connect-src 'self'{sockets}{_azure}; "
            + $"manifest-src 'self'; base-uri 'none'; form-action {forms}; frame-ancestors 'none'; object-src 'none'";
    }

    private static string AzureSources(DirectLineOptions options)
    {
        if (!options.UsesAzure || !Uri.TryCreate(options.AzureEndpoint, UriKind.Absolute, out var endpoint))
        {
            return string.Empty;
        }

        // Azure's Direct Line streams from the same host over wss; regional endpoints differ only by host.
        return $" {endpoint.Scheme}://{endpoint.Authority} wss://{endpoint.Authority}";
    }
}

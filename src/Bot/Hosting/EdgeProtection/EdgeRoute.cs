namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// What kind of endpoint a request is for, decided from its method and path alone (before routing, so static
/// files and unknown paths are covered too): which rate limit applies, how large its body may be, and which
/// content type the body must have.
/// </summary>
/// <param name="Kind">The rate-limit class (messages, directline, tokens, pages, health).</param>
/// <param name="MaxBodyBytes">Largest body accepted (a small one where the endpoint reads none).</param>
/// <param name="Body">The content type the body must have when there is one.</param>
public sealed record EdgeRoute(EdgeRouteKind Kind, long MaxBodyBytes, EdgeBody Body)
{
    /// <summary>Bodies of the endpoints that read only a few fields (token requests, conversation starts).</summary>
    public const int SmallBodyBytes = 4_096;

    private const string DirectLine = "/v3/directline";

    public static EdgeRoute Classify(HttpRequest request, long maxMessageBytes, long maxActivityBytes)
    {
        var path = request.Path;
        var post = HttpMethods.IsPost(request.Method);
        if (path.StartsWithSegments("/healthz"))
        {
            return new EdgeRoute(EdgeRouteKind.Health, SmallBodyBytes, EdgeBody.None);
        }

        if (path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase))
        {
            return new EdgeRoute(EdgeRouteKind.Messages, post ? maxMessageBytes : SmallBodyBytes, EdgeBody.Json);
        }

        if (path.StartsWithSegments("/api/webchat/token", StringComparison.OrdinalIgnoreCase))
        {
            return new EdgeRoute(EdgeRouteKind.Tokens, SmallBodyBytes, EdgeBody.Json);
        }

        if (!path.StartsWithSegments(DirectLine, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return new EdgeRoute(EdgeRouteKind.Pages, SmallBodyBytes, EdgeBody.None);
        }

        if (rest.Equals("/tokens/generate", StringComparison.OrdinalIgnoreCase))
        {
            return new EdgeRoute(EdgeRouteKind.Tokens, SmallBodyBytes, EdgeBody.Json);
        }

        if (!post)
        {
            return new EdgeRoute(EdgeRouteKind.DirectLine, SmallBodyBytes, EdgeBody.None);
        }

        var value = rest.Value ?? string.Empty;
        if (value.EndsWith("/activities", StringComparison.OrdinalIgnoreCase))
        {
            return new EdgeRoute(EdgeRouteKind.DirectLine, maxActivityBytes, EdgeBody.Json);
        }

        return value.EndsWith("/upload", StringComparison.OrdinalIgnoreCase)
            ? new EdgeRoute(EdgeRouteKind.DirectLine, maxActivityBytes, EdgeBody.Form)
            : new EdgeRoute(EdgeRouteKind.DirectLine, SmallBodyBytes, EdgeBody.Json);
    }
}

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// Security headers on every response, errors and 429s included: nosniff, no referrer, no framing (CSP
/// frame-ancestors and X-Frame-Options for old browsers), no camera, microphone or location, and the page's
/// Content-Security-Policy on HTML (an allow-nothing policy on everything else). HSTS comes from UseHsts outside
/// Development.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, ContentSecurityPolicy policy)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, policy) = ((HttpContext, ContentSecurityPolicy))state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = IsPage(context.Response.ContentType) ? policy.ForPage(context.Request, CspNonce.Existing(context)) : ContentSecurityPolicy.NotAPage;
            return Task.CompletedTask;
        }, (context, policy));
        return next(context);
    }

    private static bool IsPage(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}

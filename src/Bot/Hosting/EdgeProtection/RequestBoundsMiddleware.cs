using MarrowBot.Bot.Channels.DirectLine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// Bounds every request body before an endpoint reads it: over the endpoint's limit is 413 (at once when the
/// Content-Length says so, and while reading for a chunked body, through Kestrel's per-request limit), and a body
/// of the wrong type where JSON or a form is expected is 415. Nesting depth and malformed JSON are the readers'
/// business (Newtonsoft's MaxDepth: 400), and invalid UTF-8 is decoded to U+FFFD by them, never a 500.
/// </summary>
public sealed class RequestBoundsMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> limits, IOptions<DirectLineOptions> directLine)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var route = EdgeRoute.Classify(request, limits.Value.MaxMessageBytes, directLine.Value.MaxActivityBytes);
        if (request.ContentLength > route.MaxBodyBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large.");
            return;
        }

        var hasBody = request.ContentLength > 0
            || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
        if (hasBody && !HasExpectedType(route.Body, request.ContentType))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", route.Body == EdgeBody.Form
                ? "The body must be multipart/form-data."
                : "The body must be application/json in UTF-8.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = route.MaxBodyBytes;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // A chunked body ran past the limit while the endpoint was reading it.
            context.Response.Clear();
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large.");
        }
    }

    private static bool HasExpectedType(EdgeBody expected, string? contentType)
    {
        if (expected == EdgeBody.None)
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return false;
        }

        if (expected == EdgeBody.Form)
        {
            return type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        }

        var json = type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = type.Charset;
        return json && (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static Task RejectAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}

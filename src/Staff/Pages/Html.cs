using System.Globalization;
using System.Net;
using System.Text;
using MarrowBot.Knowledge.Triage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// The pages' HTML: every value written through <see cref="E"/> (HTML-encoded, so stored message text shows as
/// text), one layout with the console's stylesheet, no script. Responses are never cached.
/// </summary>
internal static class Html
{
    /// <summary>HTML-encodes a value for text or a quoted attribute.</summary>
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static string Time(DateTimeOffset time) =>
        E(time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));

    public static string TimeElement(DateTimeOffset time) =>
        $"<time datetime=\"{E(time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))}\">{Time(time)}</time>";

    public static string Tier(TriageTier tier) => tier switch
    {
        TriageTier.Emergency => "Emergency",
        TriageTier.Urgent => "Urgent",
        TriageTier.Routine => "Routine",
        _ => "None",
    };

    /// <summary>The hidden anti-forgery field for a form that changes something.</summary>
    public static string AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>A console page in the shared layout (<see cref="StaffPages"/>); the body brings its own h1. Never cached.</summary>
    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK, IReadOnlyList<string>? scripts = null)
    {
        context.Response.Headers.CacheControl = "no-store";
        return StaffPages.Page(context, title, body, status, heading: false, scripts);
    }

    public static IResult Error(HttpContext context, int status, string title, string message) =>
        Page(context, title, $"<h1>{E(title)}</h1>\n<p>{E(message)}</p>\n<p><a href=\"/staff\">Back to the inbox</a></p>\n", status);

}

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

    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.CacheControl = "no-store";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" - MarrowBot staff</title>\n<link rel=\"stylesheet\" href=\"/staff/staff.css\">\n</head>\n<body>\n")
            .Append("<header><p class=\"product\"><a href=\"/staff\">MarrowBot staff console</a></p></header>\n<main id=\"main\">\n")
            .Append(body)
            .Append("</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Error(HttpContext context, int status, string title, string message) =>
        Page(context, title, $"<h1>{E(title)}</h1>\n<p>{E(message)}</p>\n<p><a href=\"/staff\">Back to the inbox</a></p>\n", status);

    /// <summary>The console's stylesheet, served as /staff/staff.css (the pages' CSP allows their own styles only).</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 80rem; padding: 0 1rem 2rem; color: #1a1a1a; background: #fff; line-height: 1.45; }
        a { color: #0b4f8a; }
        header .product { font-weight: 600; margin: 1rem 0; }
        fieldset { border: 1px solid #888; margin: 0 0 1rem; padding: .5rem 1rem; }
        .filters label { display: inline-block; margin: .25rem 1rem .25rem 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #ccc; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        tr.attention { background: #fde8e8; }
        tr.attention td:first-child { border-left: .4rem solid #b00020; }
        .tier-emergency, .tier-urgent { font-weight: 700; color: #8a0016; }
        .counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; list-style: none; }
        ol.turns { list-style: none; padding: 0; }
        ol.turns > li { border: 1px solid #ccc; border-radius: .4rem; margin: .75rem 0; padding: .5rem 1rem; }
        ol.turns > li.bot { background: #f3f6fa; }
        .message { white-space: pre-wrap; overflow-wrap: anywhere; }
        dl.annotations { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
        dl.annotations dt { font-weight: 600; }
        form.inline { display: inline-block; margin-right: 1rem; }
        button { font: inherit; padding: .3rem .8rem; }
        """;
}

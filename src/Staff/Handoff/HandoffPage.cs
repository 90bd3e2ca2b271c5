using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace MarrowBot.Staff.Handoff;

/// <summary>
/// The hand-off queue as a server-rendered page: every value HTML-encoded, a reply form (and a close form) for each
/// open request carrying the antiforgery token, no script and no inline style (the bot's strict CSP).
/// </summary>
public static class HandoffPage
{
    /// <param name="antiforgery">The antiforgery form field's name (ASP.NET Core's default "__RequestVerificationToken") and this request's token.</param>
    public static string Render(IReadOnlyList<HandoffRequest> requests, (string Field, string Token) antiforgery, HandoffHours hours, int maxReplyChars, string? notice = null)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<title>Hand-off queue - MarrowBot staff</title>\n<link rel=\"stylesheet\" href=\"/site.css\">\n</head>\n<body>\n<main>\n<h1>Hand-off queue</h1>\n");
        page.Append("<p>Staff hours: ").Append(html.Encode(hours.Describe())).Append(". Replies are sent as plain text, at most ")
            .Append(maxReplyChars.ToString(CultureInfo.InvariantCulture)).Append(" characters.</p>\n");
        if (notice is not null)
        {
            page.Append("<p role=\"status\">").Append(html.Encode(notice)).Append("</p>\n");
        }

        if (requests.Count == 0)
        {
            page.Append("<p>No one is waiting.</p>\n");
        }

        foreach (var request in requests)
        {
            var id = request.Id.ToString(CultureInfo.InvariantCulture);
            page.Append("<section aria-labelledby=\"handoff-").Append(id).Append("\">\n<h2 id=\"handoff-").Append(id).Append("\">Request ").Append(id)
                .Append(" (").Append(html.Encode(request.State.ToString().ToLowerInvariant())).Append(")</h2>\n<dl>\n");
            Field(page, html, "Channel", request.ChannelId);
            Field(page, html, "Conversation", request.ConversationId);
            Field(page, html, "Requested", Time(request.RequestedAt));
            if (request.AnsweredBy is not null)
            {
                Field(page, html, "Answered by", request.AnsweredBy);
                Field(page, html, "Answered", request.AnsweredAt is { } at ? Time(at) : string.Empty);
            }

            page.Append("</dl>\n");
            page.Append("<form method=\"post\" action=\"/staff/handoffs/").Append(id).Append("/reply\">\n");
            Token(page, html, antiforgery);
            page.Append("<label for=\"reply-").Append(id).Append("\">Reply</label>\n<textarea id=\"reply-").Append(id).Append("\" name=\"text\" required maxlength=\"")
                .Append(maxReplyChars.ToString(CultureInfo.InvariantCulture)).Append("\" rows=\"4\"></textarea>\n<button type=\"submit\">Send reply</button>\n</form>\n");
            page.Append("<form method=\"post\" action=\"/staff/handoffs/").Append(id).Append("/close\">\n");
            Token(page, html, antiforgery);
            page.Append("<button type=\"submit\">Close request</button>\n</form>\n</section>\n");
        }

        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A short page for a form post that could not be carried out.</summary>
    public static string Message(string title, string text)
    {
        var html = HtmlEncoder.Default;
        return $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{html.Encode(title)} - MarrowBot staff</title>\n<link rel=\"stylesheet\" href=\"/site.css\">\n</head>\n"
            + $"<body>\n<main>\n<h1>{html.Encode(title)}</h1>\n<p>{html.Encode(text)}</p>\n<p><a href=\"/staff/handoffs\">Back to the hand-off queue</a></p>\n</main>\n</body>\n</html>\n";
    }

    private static void Field(StringBuilder page, HtmlEncoder html, string name, string value) =>
        page.Append("<dt>").Append(html.Encode(name)).Append("</dt><dd>").Append(html.Encode(value)).Append("</dd>\n");

    private static void Token(StringBuilder page, HtmlEncoder html, (string Field, string Token) antiforgery) =>
        page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(antiforgery.Field)).Append("\" value=\"").Append(html.Encode(antiforgery.Token)).Append("\">\n");

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

using System.Text;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// The frame every console page shares: the stylesheet at <see cref="StylesheetPath"/>, a header with the signed-in
/// person, links to the console's pages and a sign-out form, and the page's own body. No inline script, no inline
/// style: the bot's Content-Security-Policy allows neither; a page that needs script names its files (served by the
/// bot itself, deferred). Every value a page puts in its body must pass <see cref="Html.E"/>.
/// </summary>
public static class StaffLayout
{
    public const string StylesheetPath = "/staff/assets/staff.css";

    /// <summary>
    /// The whole page: <paramref name="bodyHtml"/> is already HTML; <paramref name="title"/> and the user are encoded
    /// here. With <paramref name="heading"/> false the body brings its own h1.
    /// </summary>
    public static string Render(string title, string bodyHtml, StaffPageUser? user, bool heading = true, IReadOnlyList<string>? scripts = null)
    {
        var html = new StringBuilder(1024 + bodyHtml.Length);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.E(title)).Append(" · MarrowBot staff</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(StylesheetPath).Append("\">\n");
        foreach (var script in scripts ?? [])
        {
            html.Append("<script src=\"").Append(Html.E(script)).Append("\" defer></script>\n");
        }

        html.Append("</head>\n<body>\n")
            .Append("<header class=\"staff-header\">\n<a class=\"staff-brand\" href=\"/staff\">MarrowBot staff</a>\n");
        if (user is not null)
        {
            html.Append("<nav class=\"staff-nav\" aria-label=\"Console\"><a href=\"/staff\">Inbox</a> <a href=\"/staff/handoffs\">Hand-off queue</a> ")
                .Append("<a href=\"/staff/dashboard\">Dashboard</a>");
            if (user.Role == StaffRoles.Editor)
            {
                html.Append(" <a href=\"/staff/improve\">Improve the bot</a> <a href=\"/staff/audit\">Audit log</a>");
            }

            html.Append("</nav>\n");
            html.Append("<form class=\"staff-signout\" method=\"post\" action=\"/staff/sign-out\">")
                .Append("<span class=\"staff-user\">").Append(Html.E(user.Name)).Append(" (").Append(Html.E(user.Role)).Append(")</span> ")
                .Append("<input type=\"hidden\" name=\"").Append(Html.E(user.AntiforgeryField)).Append("\" value=\"").Append(Html.E(user.AntiforgeryToken)).Append("\">")
                .Append("<button type=\"submit\">Sign out</button></form>\n");
        }

        html.Append("</header>\n<main class=\"staff-main\" id=\"main\">\n");
        if (heading)
        {
            html.Append("<h1>").Append(Html.E(title)).Append("</h1>\n");
        }

        html.Append(bodyHtml)
            .Append("\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}

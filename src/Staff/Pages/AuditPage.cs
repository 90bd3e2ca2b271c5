using System.Globalization;
using System.Text;
using MarrowBot.Staff.Audit;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// GET /staff/audit (editors): the audit log, newest first, 100 entries a page: who signed in (or failed to),
/// viewed, exported, acknowledged, labelled, replied or changed content or accounts, and when. The entries hold no
/// message text; what they hold is still written as text, never markup.
/// </summary>
public static class AuditPage
{
    public const string Path = "/staff/audit";

    public const int PageSize = 100;

    public static async Task<IResult> RenderAsync(HttpContext context, IStaffAuditLog audit, CancellationToken cancellationToken)
    {
        DateTimeOffset? before = null;
        if (context.Request.Query["before"].FirstOrDefault() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Html.Error(context, StatusCodes.Status400BadRequest, "The audit log could not be shown", "\"before\" must be a date and time, such as 2026-12-04T09:00:00Z.");
            }

            before = parsed;
        }

        var entries = await audit.ListAsync(PageSize, before, cancellationToken);
        var body = new StringBuilder();
        body.Append("<h1>Audit log</h1>\n");
        body.Append("<p>Who did what in the console, newest first. Entries never hold what a patient wrote.</p>\n");
        if (entries.Count == 0)
        {
            body.Append(before is null ? "<p>Nothing has been recorded yet.</p>\n" : "<p>There are no older entries.</p>\n");
        }
        else
        {
            body.Append("<table>\n<caption>Audit entries").Append(before is null ? string.Empty : " before " + Html.Time(before.Value)).Append("</caption>\n");
            body.Append("<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Action</th><th scope=\"col\">On</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
            foreach (var entry in entries)
            {
                body.Append("<tr><td>").Append(Html.TimeElement(entry.At)).Append("</td><td>").Append(Html.E(entry.Actor))
                    .Append("</td><td>").Append(Html.E(entry.Action)).Append("</td><td>").Append(Html.E(entry.Target))
                    .Append("</td><td>").Append(Html.E(entry.Detail)).Append("</td></tr>\n");
            }

            body.Append("</tbody>\n</table>\n");
        }

        body.Append("<nav aria-label=\"More\"><ul>\n");
        if (entries.Count == PageSize)
        {
            var older = entries[^1].At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            body.Append("<li><a href=\"").Append(Path).Append("?before=").Append(Html.E(Uri.EscapeDataString(older))).Append("\">Older entries</a></li>\n");
        }

        if (before is not null)
        {
            body.Append("<li><a href=\"").Append(Path).Append("\">Newest entries</a></li>\n");
        }

        body.Append("<li><a href=\"/staff\">Back to the inbox</a></li>\n</ul></nav>\n");
        return Html.Page(context, "Audit log", body.ToString());
    }
}

using System.Text;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Api;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// GET /staff: the inbox. Filters as a GET form (the same parameters as the API), the counts per filter, and a
/// table of 50 conversations a page: escalated ones nobody has acknowledged first and highlighted, then the rest,
/// newest first; who acknowledged or reviewed each and when.
/// </summary>
public static class InboxPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        InboxQuery query;
        try
        {
            query = InboxQueryParser.Parse(context.Request.Query);
        }
        catch (StaffInputException ex)
        {
            return Html.Error(context, StatusCodes.Status400BadRequest, "The filters could not be read", ex.Message);
        }

        InboxResults page;
        InboxCounts counts;
        try
        {
            page = await store.ListAsync(query, cancellationToken);
            counts = await store.CountAsync(query, cancellationToken);
        }
        catch (StaffInputException ex)
        {
            return Html.Error(context, StatusCodes.Status400BadRequest, "The inbox could not be shown", ex.Message);
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, "inbox", InboxQueryParser.Describe(query));
        var body = new StringBuilder();
        body.Append("<h1>Inbox</h1>\n");
        Filters(body, query);
        Counts(body, counts);
        Table(body, page);
        var exports = InboxQueryParser.ToQueryString(query.WithoutPage());
        var separator = exports.Length == 0 ? "?" : "&";
        body.Append("<nav aria-label=\"More\"><ul>\n");
        if (page.NextPageToken is { } next)
        {
            body.Append($"<li><a href=\"/staff{Html.E(InboxQueryParser.ToQueryString(query with { PageToken = next }))}\">Next 50 conversations</a></li>\n");
        }

        if (query.PageToken is not null)
        {
            body.Append($"<li><a href=\"/staff{Html.E(exports)}\">First page</a></li>\n");
        }

        body.Append($"<li><a href=\"/staff/api/export{Html.E(exports + separator)}format=csv\">Export these conversations (CSV)</a></li>\n");
        body.Append($"<li><a href=\"/staff/api/export{Html.E(exports + separator)}format=json\">Export these conversations (JSON)</a></li>\n");
        body.Append("</ul></nav>\n");
        return Html.Page(context, "Inbox", body.ToString());
    }

    private static void Filters(StringBuilder body, InboxQuery query)
    {
        string Checked(bool on) => on ? " checked" : string.Empty;
        string Selected(TriageTier? tier) => query.MinTier == tier ? " selected" : string.Empty;
        string Date(DateTimeOffset? time, bool end) => time is { } t ? Html.E((end ? t.AddTicks(-1) : t).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        body.Append("<form class=\"filters\" method=\"get\" action=\"/staff\" role=\"search\">\n<fieldset>\n<legend>Filters</legend>\n");
        body.Append($"<label for=\"f-from\">Active from</label> <input id=\"f-from\" name=\"from\" type=\"date\" value=\"{Date(query.From, false)}\">\n");
        body.Append($"<label for=\"f-to\">to</label> <input id=\"f-to\" name=\"to\" type=\"date\" value=\"{Date(query.To, true)}\">\n");
        body.Append($"<label for=\"f-channel\">Channel</label> <input id=\"f-channel\" name=\"channel\" type=\"text\" value=\"{Html.E(query.Channel)}\">\n");
        body.Append("<label for=\"f-tier\">Triage tier at least</label> <select id=\"f-tier\" name=\"tier\">\n");
        body.Append($"<option value=\"\"{Selected(null)}>Any</option><option value=\"routine\"{Selected(TriageTier.Routine)}>Routine</option>");
        body.Append($"<option value=\"urgent\"{Selected(TriageTier.Urgent)}>Urgent</option><option value=\"emergency\"{Selected(TriageTier.Emergency)}>Emergency</option>\n</select>\n");
        body.Append($"<label><input type=\"checkbox\" name=\"declined\" value=\"true\"{Checked(query.Declined)}> Declined</label>\n");
        body.Append($"<label><input type=\"checkbox\" name=\"clarified\" value=\"true\"{Checked(query.Clarified)}> Clarifying question</label>\n");
        body.Append($"<label><input type=\"checkbox\" name=\"handoff\" value=\"true\"{Checked(query.HandoffRequested)}> Asked for a person</label>\n");
        body.Append($"<label><input type=\"checkbox\" name=\"negative\" value=\"true\"{Checked(query.NegativeFeedback)}> Negative feedback</label>\n");
        body.Append($"<label><input type=\"checkbox\" name=\"unreviewed\" value=\"true\"{Checked(query.NotReviewed)}> Not yet reviewed</label>\n");
        body.Append($"<label for=\"f-q\">Search the person's messages</label> <input id=\"f-q\" name=\"q\" type=\"search\" maxlength=\"{InboxQuery.MaxSearchLength}\" value=\"{Html.E(query.Search)}\">\n");
        body.Append("<button type=\"submit\">Apply</button> <a href=\"/staff\">Clear</a>\n</fieldset>\n</form>\n");
    }

    private static void Counts(StringBuilder body, InboxCounts counts)
    {
        body.Append("<h2 id=\"counts\">Counts for this date range, channel and search</h2>\n<ul class=\"counts\" aria-labelledby=\"counts\">\n");
        foreach (var (name, value) in new[]
        {
            ("Conversations", counts.Total), ("Urgent or emergency", counts.Urgent), ("Emergency", counts.Emergency), ("Not acknowledged", counts.NeedsAttention),
            ("Declined", counts.Declined), ("Clarifying question", counts.Clarified), ("Asked for a person", counts.HandoffRequested),
            ("Negative feedback", counts.NegativeFeedback), ("Not yet reviewed", counts.NotReviewed),
        })
        {
            body.Append($"<li>{Html.E(name)}: <strong>{value}</strong></li>\n");
        }

        body.Append("</ul>\n");
    }

    private static void Table(StringBuilder body, InboxResults page)
    {
        body.Append("<h2 id=\"conversations\">Conversations</h2>\n");
        if (page.Conversations.Count == 0)
        {
            body.Append("<p>No conversations match these filters.</p>\n");
            return;
        }

        body.Append("<table aria-labelledby=\"conversations\">\n<caption>Escalated conversations not yet acknowledged first (highlighted), then the rest; newest first.</caption>\n");
        body.Append("<thead><tr><th scope=\"col\">Last active</th><th scope=\"col\">Conversation</th><th scope=\"col\">Channel</th><th scope=\"col\">Triage tier</th>");
        body.Append("<th scope=\"col\">Flags</th><th scope=\"col\">Acknowledged</th><th scope=\"col\">Reviewed</th></tr></thead>\n<tbody>\n");
        foreach (var c in page.Conversations)
        {
            var flags = new List<string>();
            if (c.NeedsAttention)
            {
                flags.Add("Needs acknowledging");
            }

            if (c.Declined)
            {
                flags.Add("Declined");
            }

            if (c.Clarified)
            {
                flags.Add("Clarifying question");
            }

            if (c.HandoffRequested)
            {
                flags.Add("Asked for a person");
            }

            if (c.NegativeFeedback)
            {
                flags.Add("Negative feedback");
            }

            body.Append(c.NeedsAttention ? "<tr class=\"attention\">" : "<tr>");
            body.Append($"<td>{Html.TimeElement(c.LastActivityAt)}</td>");
            body.Append($"<td><a href=\"/staff/conversations/{Html.E(c.Key.ToSegment())}\">{Html.E(c.Key.ConversationId)}</a> ({c.ActivityCount} activities)</td>");
            body.Append($"<td>{Html.E(c.Key.ChannelId)}</td>");
            body.Append($"<td class=\"tier-{Html.E(c.EscalatedTier.ToString().ToLowerInvariant())}\">{Html.Tier(c.EscalatedTier)}</td>");
            body.Append($"<td>{Html.E(string.Join(", ", flags))}</td>");
            body.Append(c.Acknowledged is { } a ? $"<td>{Html.E(a.By)}, {Html.TimeElement(a.At)} ({Html.Tier(a.Tier)})</td>" : "<td>No</td>");
            body.Append(c.Reviewed is { } r ? $"<td>{Html.E(r.By)}, {Html.TimeElement(r.At)}{(c.NotReviewed ? " (active since)" : string.Empty)}</td>" : "<td>No</td>");
            body.Append("</tr>\n");
        }

        body.Append("</tbody>\n</table>\n");
    }
}

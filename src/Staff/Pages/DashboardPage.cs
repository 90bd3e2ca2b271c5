using System.Globalization;
using System.Text;
using MarrowBot.Staff.Api;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Dashboard;
using MarrowBot.Staff.Handoff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// GET /staff/dashboard: the figures of a range of days (ADR 0030) as charts drawn by <see cref="ScriptPath"/>
/// with Chart.js (<see cref="ChartJsPath"/>, from npm at build time), each chart with a heading, a summary in
/// words and its figures as a table, so the page says everything without its script; the most-asked declined
/// questions as a plain list (their stored, redacted text, shown as text).
/// </summary>
public static class DashboardPage
{
    public const string Path = "/staff/dashboard";

    /// <summary>Chart.js as the build copies it beside the bot (build/StaffCharts.targets).</summary>
    public const string ChartJsPath = "/lib/chart.umd.min.js";

    /// <summary>The page's own script, embedded in this assembly.</summary>
    public const string ScriptPath = "/staff/assets/dashboard.js";

    public static async Task<IResult> RenderAsync(
        HttpContext context, IStaffDashboard dashboard, IOptions<HandoffOptions> handoff, TimeProvider clock, CancellationToken cancellationToken)
    {
        DashboardQuery query;
        try
        {
            query = DashboardQueryParser.Parse(context.Request.Query, handoff.Value.Hours().Zone, clock.GetUtcNow());
        }
        catch (StaffInputException ex)
        {
            return Html.Error(context, StatusCodes.Status400BadRequest, "The dates could not be read", ex.Message);
        }

        var figures = await dashboard.GetAsync(query, cancellationToken);
        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, "dashboard", DashboardQueryParser.ToQueryString(query));
        var body = new StringBuilder();
        body.Append("<h1>Dashboard</h1>\n");
        Range(body, query);
        body.Append($"<div id=\"dashboard\" data-source=\"/staff/api/dashboard{Html.E(DashboardQueryParser.ToQueryString(query))}\">\n");
        body.Append("<p id=\"dashboard-status\" class=\"staff-note\" role=\"status\"></p>\n");
        Totals(body, figures);
        var days = figures.Days;
        Chart(body, "conversations", "Conversations per day", Summary("conversations", days, d => d.Conversations),
            ["Conversations"], d => [d.Conversations], days);
        Chart(body, "replies", "Answers, clarifying questions and declines per day",
            $"{figures.Answers} answers, {figures.Clarifications} clarifying questions and {figures.Declines} declines in these {days.Count} days.",
            ["Answers", "Clarifying questions", "Declines"], d => [d.Answers, d.Clarifications, d.Declines], days);
        Chart(body, "tiers", "Conversations per day by their highest triage tier",
            $"{days.Sum(d => d.TierNone)} with no triage tier, {days.Sum(d => d.TierRoutine)} routine, {days.Sum(d => d.TierUrgent)} urgent and {days.Sum(d => d.TierEmergency)} emergency.",
            ["None", "Routine", "Urgent", "Emergency"], d => [d.TierNone, d.TierRoutine, d.TierUrgent, d.TierEmergency], days);
        Chart(body, "feedback", "Feedback per day (reactions to the bot's replies)", FeedbackSummary(figures),
            ["Positive", "Negative"], d => [d.PositiveFeedback, d.NegativeFeedback], days);
        Unanswered(body, figures.Unanswered);
        body.Append("</div>\n");
        return Html.Page(context, "Dashboard", body.ToString(), scripts: [ChartJsPath, ScriptPath]);
    }

    private static void Range(StringBuilder body, DashboardQuery query)
    {
        body.Append($"<form class=\"filters\" method=\"get\" action=\"{Path}\">\n<fieldset>\n<legend>Days</legend>\n");
        body.Append($"<label for=\"d-from\">From</label> <input id=\"d-from\" name=\"from\" type=\"date\" value=\"{DashboardQueryParser.Format(query.FirstDay)}\">\n");
        body.Append($"<label for=\"d-to\">to</label> <input id=\"d-to\" name=\"to\" type=\"date\" value=\"{DashboardQueryParser.Format(query.LastDay)}\">\n");
        body.Append($"<button type=\"submit\">Show</button> <a href=\"{Path}\">Last {DashboardQuery.DefaultDays} days</a>\n</fieldset>\n</form>\n");
        body.Append($"<p class=\"staff-note\">{query.Days} days, {DashboardQueryParser.Format(query.FirstDay)} to {DashboardQueryParser.Format(query.LastDay)}, in the time zone {Html.E(query.Zone.Id)}. ");
        body.Append("A conversation counts on the day of its last activity (as in the inbox), with its feedback; a reply on the day it was sent.</p>\n");
    }

    private static void Totals(StringBuilder body, StaffDashboard figures)
    {
        body.Append("<h2 id=\"totals\">Totals</h2>\n<ul class=\"counts\" aria-labelledby=\"totals\">\n");
        foreach (var (name, value) in new[]
        {
            ("Conversations", figures.Conversations.ToString(CultureInfo.InvariantCulture)),
            ("Answers", figures.Answers.ToString(CultureInfo.InvariantCulture)),
            ("Clarifying questions", figures.Clarifications.ToString(CultureInfo.InvariantCulture)),
            ("Declines", figures.Declines.ToString(CultureInfo.InvariantCulture)),
            ("Positive feedback", Ratio(figures.PositiveRatio)),
        })
        {
            body.Append($"<li>{Html.E(name)}: <strong>{Html.E(value)}</strong></li>\n");
        }

        body.Append("</ul>\n");
    }

    private static void Chart(StringBuilder body, string id, string title, string summary, string[] series, Func<DashboardDay, int[]> values, IReadOnlyList<DashboardDay> days)
    {
        body.Append($"<section class=\"dashboard-chart\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{Html.E(title)}</h2>\n");
        body.Append($"<p id=\"s-{id}\">{Html.E(summary)}</p>\n");
        body.Append($"<div class=\"chart\"><canvas id=\"chart-{id}\" role=\"img\" aria-label=\"{Html.E(title)} as a bar chart\" aria-describedby=\"s-{id}\"></canvas></div>\n");
        body.Append($"<details>\n<summary>{Html.E(title)} as a table</summary>\n<table>\n<caption>{Html.E(title)}</caption>\n<thead><tr><th scope=\"col\">Day</th>");
        foreach (var name in series)
        {
            body.Append($"<th scope=\"col\">{Html.E(name)}</th>");
        }

        body.Append("</tr></thead>\n<tbody>\n");
        foreach (var day in days)
        {
            body.Append($"<tr><th scope=\"row\">{DashboardQueryParser.Format(day.Day)}</th>");
            foreach (var value in values(day))
            {
                body.Append($"<td>{value}</td>");
            }

            body.Append("</tr>\n");
        }

        body.Append("</tbody>\n</table>\n</details>\n</section>\n");
    }

    private static void Unanswered(StringBuilder body, IReadOnlyList<UnansweredQuestion> questions)
    {
        body.Append("<section aria-labelledby=\"h-unanswered\">\n<h2 id=\"h-unanswered\">Most-asked unanswered questions</h2>\n");
        body.Append($"<p class=\"staff-note\">The messages the bot declined, as stored (redacted), grouped regardless of case, spacing and end punctuation; the {StaffDashboard.TopUnanswered} most asked.</p>\n");
        if (questions.Count == 0)
        {
            body.Append("<p>The bot declined no question in these days.</p>\n</section>\n");
            return;
        }

        body.Append("<ol class=\"unanswered\">\n");
        foreach (var question in questions)
        {
            body.Append($"<li><span class=\"message\">{Html.E(question.Text)}</span> <span class=\"staff-note\">(asked {question.Count} {(question.Count == 1 ? "time" : "times")})</span></li>\n");
        }

        body.Append("</ol>\n</section>\n");
    }

    private static string Summary(string what, IReadOnlyList<DashboardDay> days, Func<DashboardDay, int> value)
    {
        var total = days.Sum(value);
        if (total == 0)
        {
            return $"No {what} in these {days.Count} days.";
        }

        var busiest = days.OrderByDescending(value).ThenBy(d => d.Day).First();
        return $"{total} {what} in these {days.Count} days, {(double)total / days.Count:0.#} a day on average; the most on {DashboardQueryParser.Format(busiest.Day)} ({value(busiest)}).";
    }

    private static string FeedbackSummary(StaffDashboard figures) =>
        figures.PositiveRatio is { } ratio
            ? $"{figures.PositiveFeedback} positive and {figures.NegativeFeedback} negative reactions: {Ratio(ratio)} positive."
            : "No reactions in these days.";

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0%", CultureInfo.InvariantCulture) : "no reactions";
}

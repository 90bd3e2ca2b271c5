using System.Globalization;
using System.Text;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Staff.Api;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// GET /staff/improve (editors): the overlay's entries, pending or live, a button to retrain and compare, and the
/// recent runs with their before and after figures and why the candidate was kept or not (ADR 0029).
/// </summary>
public static class ImprovePage
{
    public static async Task<IResult> RenderAsync(HttpContext context, ImprovementStatus status, CancellationToken cancellationToken)
    {
        var view = await status.ReadAsync(cancellationToken);
        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, "knowledge-overlay", null);
        var body = new StringBuilder("<h1>Improve the bot</h1>\n");
        body.Append("<p>Phrasings, out-of-scope messages and triage cases added from conversations. A retrain builds a new model with them and " +
            "replaces the current one only when it scores at least as well on every held-out figure (Knowledge:GateAnswerSlack may allow a few questions on the answering figures, never on triage) and fails no triage regression case the current one passes.</p>\n");
        if (view.OverlayProblem is { } problem)
        {
            body.Append($"<p class=\"tier-urgent\" role=\"alert\">The overlay could not be read, so the bot answers from the curated data alone: {Html.E(problem)}</p>\n");
        }

        switch (context.Request.Query["retrain"].ToString())
        {
            case "queued":
                body.Append("<p role=\"status\">Retrain requested. Reload this page to see its result.</p>\n");
                break;
            case "coalesced":
                body.Append("<p role=\"status\">A retrain was already waiting; it will include everything in the overlay.</p>\n");
                break;
        }

        body.Append(view.Running ? "<p role=\"status\" id=\"retrain-running\">A retrain is running.</p>\n" : string.Empty);
        body.Append($"<form method=\"post\" action=\"{ImprovementEndpoints.PagePath}/retrain\">{Html.AntiforgeryField(context)}<button type=\"submit\">Retrain and compare</button></form>\n");

        body.Append("<h2>Overlay</h2>\n");
        if (view.Entries.Count == 0)
        {
            body.Append("<p>Nothing added yet. Add a person's message from a conversation's transcript.</p>\n");
        }
        else
        {
            body.Append("<table id=\"overlay\">\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Intent or tier</th><th scope=\"col\">Text</th><th scope=\"col\">Added by</th><th scope=\"col\">Added</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
            foreach (var entry in view.Entries)
            {
                body.Append($"<tr><td>{Html.E(entry.Kind)}</td><td>{Html.E(entry.IntentOrTier ?? "")}</td><td>{Html.E(entry.Text)}</td><td>{Html.E(entry.AddedBy)}</td><td>{Html.TimeElement(entry.AddedAt)}</td><td>{(entry.Pending ? "Pending" : "Live")}</td></tr>\n");
            }

            body.Append("</tbody>\n</table>\n");
        }

        body.Append("<h2>Retrain runs</h2>\n");
        if (view.Runs.Count == 0)
        {
            body.Append("<p>No retrain has run yet.</p>\n");
        }

        foreach (var run in view.Runs)
        {
            Run(body, run);
        }

        return Html.Page(context, "Improve the bot", body.ToString());
    }

    private static void Run(StringBuilder body, RunView view)
    {
        var run = view.Run;
        var outcome = run.Result?.Outcome switch
        {
            ImprovementOutcomes.Accepted => "Accepted: the new model is live",
            ImprovementOutcomes.Rejected => "Rejected: the current model is kept",
            ImprovementOutcomes.Failed => "Failed: the current model is kept",
            _ => "Running",
        };
        body.Append($"<section class=\"run\" id=\"run-{run.Id}\">\n<h3>Run {run.Id}: {Html.E(outcome)}</h3>\n");
        body.Append($"<p>Requested by {Html.E(run.RequestedBy)}, started {Html.TimeElement(run.StartedAt)}{(run.FinishedAt is { } f ? $", finished {Html.TimeElement(f)}" : string.Empty)}.</p>\n");
        if (run.Result is { } result)
        {
            body.Append($"<p class=\"reason\">{Html.E(result.Reason)}</p>\n");
        }

        if (view.Before is { } before && view.After is { } after)
        {
            body.Append($"<table class=\"figures\">\n<caption>Held-out figures, run {run.Id}</caption>\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
            Row(body, $"Answered right or offered (n={after.Answerable})", before.AnswerRightOrOffered, after.AnswerRightOrOffered);
            Row(body, $"Out of scope declined (n={after.OutOfScope})", before.OutOfScopeDeclined, after.OutOfScopeDeclined);
            Row(body, $"Emergency recall (n={after.Emergencies})", before.EmergencyRecall, after.EmergencyRecall);
            Row(body, $"Urgent-or-worse recall (n={after.UrgentOrWorse})", before.UrgentOrWorseRecall, after.UrgentOrWorseRecall);
            body.Append($"<tr><th scope=\"row\">Regression cases passing (n={after.RegressionCases})</th><td>{before.RegressionCases - before.FailedRegressions.Count}</td><td>{after.RegressionCases - after.FailedRegressions.Count}</td></tr>\n");
            body.Append("</tbody>\n</table>\n");
        }

        body.Append("</section>\n");
    }

    private static void Row(StringBuilder body, string name, double before, double after) =>
        body.Append($"<tr><th scope=\"row\">{Html.E(name)}</th><td>{Html.E(Percent(before))}</td><td>{Html.E(Percent(after))}</td></tr>\n");

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}

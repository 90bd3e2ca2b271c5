using System.Globalization;
using System.Text;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Api;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Improve;
using MarrowBot.Knowledge.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// GET /staff/conversations/{key}: one conversation as the person saw it, each bot reply with what the bot
/// recorded about it and the labels staff gave it, and the forms (with anti-forgery tokens) to acknowledge the
/// escalation, mark the conversation reviewed and label a reply. The forms post to the same path and come back
/// here (a redirect); a refused one shows why (400 or 404).
/// </summary>
public static class TranscriptPage
{
    public static async Task<IResult> RenderAsync(string key, HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        if (!ConversationKey.TryParse(key, out var conversation) || await store.GetTranscriptAsync(conversation, cancellationToken) is not { } transcript)
        {
            return Html.Error(context, StatusCodes.Status404NotFound, "No such conversation", "Nothing of this conversation is stored (it may have been deleted or passed its retention).");
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, StaffActor.Target(conversation), null);
        var c = transcript.Conversation;
        var segment = Html.E(c.Key.ToSegment());
        var token = Html.AntiforgeryField(context);
        var body = new StringBuilder();
        body.Append($"<h1>Conversation {Html.E(c.Key.ConversationId)}</h1>\n");
        body.Append(c.NeedsAttention
            ? $"<p class=\"tier-{Html.E(c.EscalatedTier.ToString().ToLowerInvariant())}\" role=\"status\">{Html.Tier(c.EscalatedTier)} escalation, not yet acknowledged.</p>\n"
            : string.Empty);
        body.Append("<dl class=\"annotations\">\n");
        Item(body, "Channel", Html.E(c.Key.ChannelId));
        Item(body, "First active", Html.TimeElement(c.FirstActivityAt));
        Item(body, "Last active", Html.TimeElement(c.LastActivityAt));
        Item(body, "Highest triage tier", Html.Tier(c.EscalatedTier));
        Item(body, "Declined", c.Declined ? "Yes" : "No");
        Item(body, "Clarifying question", c.Clarified ? "Yes" : "No");
        Item(body, "Asked for a person", c.HandoffRequested ? "Yes" : "No");
        Item(body, "Negative feedback", c.NegativeFeedback ? "Yes" : "No");
        Item(body, "Acknowledged", c.Acknowledged is { } a ? $"{Html.E(a.By)}, {Html.TimeElement(a.At)} (at {Html.Tier(a.Tier)})" : "No");
        Item(body, "Reviewed", c.Reviewed is { } r ? $"{Html.E(r.By)}, {Html.TimeElement(r.At)}{(c.NotReviewed ? " (active since)" : string.Empty)}" : "No");
        body.Append("</dl>\n");

        body.Append($"<form class=\"inline\" method=\"post\" action=\"/staff/conversations/{segment}/acknowledge\">{token}<button type=\"submit\">Acknowledge the escalation</button></form>\n");
        body.Append($"<form class=\"inline\" method=\"post\" action=\"/staff/conversations/{segment}/reviewed\">{token}<button type=\"submit\">Mark reviewed</button></form>\n");
        body.Append($"<p><a href=\"/staff/api/conversations/{segment}/export?format=csv\">Export (CSV)</a> <a href=\"/staff/api/conversations/{segment}/export?format=json\">Export (JSON)</a></p>\n");

        body.Append("<h2>Transcript</h2>\n<ol class=\"turns\">\n");
        var n = 0;
        var editor = context.User.IsInRole(StaffRoles.Editor) ? context.RequestServices.GetService<OverlayEditor>() : null;
        if (editor is not null && context.Request.Query["added"] == "1")
        {
            body.Append($"<p role=\"status\">Added to the overlay. <a href=\"{ImprovementEndpoints.PagePath}\">Retrain and compare</a> to put it live.</p>\n");
        }

        foreach (var turn in transcript.Turns)
        {
            n++;
            Turn(body, turn, n, segment, token, editor);
        }

        body.Append("</ol>\n");
        return Html.Page(context, $"Conversation {c.Key.ConversationId}", body.ToString());
    }

    /// <summary>POST .../acknowledge and .../reviewed from the page's forms.</summary>
    public static async Task<IResult> MarkAsync(string key, HttpContext context, IStaffConversations store, TimeProvider clock, bool acknowledge, CancellationToken cancellationToken)
    {
        var by = StaffActor.Name(context.User);
        var now = clock.GetUtcNow();
        if (!ConversationKey.TryParse(key, out var conversation)
            || !await (acknowledge ? store.AcknowledgeAsync(conversation, by, now, cancellationToken) : store.MarkReviewedAsync(conversation, by, now, cancellationToken)))
        {
            return Html.Error(context, StatusCodes.Status404NotFound, "No such conversation", "Nothing of this conversation is stored.");
        }

        await StaffActor.AuditAsync(context, acknowledge ? StaffAuditActions.Acknowledged : StaffAuditActions.Reviewed, StaffActor.Target(conversation), null);
        return Results.Redirect($"/staff/conversations/{conversation.ToSegment()}", permanent: false, preserveMethod: false);
    }

    /// <summary>POST .../turns/{activity}/labels from a reply's label form.</summary>
    public static async Task<IResult> LabelAsync(string key, string activity, HttpContext context, IStaffConversations store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        var label = form?["label"].ToString() ?? string.Empty;
        var note = form?["note"].ToString();
        if (!ConversationKey.TryParse(key, out var conversation) || !ConversationKey.TryDecodeSegment(activity, out var activityId))
        {
            return Html.Error(context, StatusCodes.Status404NotFound, "No such reply", "This conversation has no such reply.");
        }

        try
        {
            if (!await store.LabelTurnAsync(conversation, activityId, label, note, StaffActor.Name(context.User), clock.GetUtcNow(), cancellationToken))
            {
                return Html.Error(context, StatusCodes.Status404NotFound, "No such reply", "This conversation has no such reply.");
            }
        }
        catch (StaffInputException ex)
        {
            return Html.Error(context, StatusCodes.Status400BadRequest, "The label was not saved", ex.Message);
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Labelled, $"{StaffActor.Target(conversation)}/{activityId}", label);
        if (label == TurnLabels.MissedRedFlag && await store.GetTranscriptAsync(conversation, cancellationToken) is { } transcript)
        {
            // A missed red flag becomes a triage regression case in the overlay (ADR 0029).
            await ImprovementEndpoints.AddMissedRedFlagAsync(context, transcript, activityId, form?["tier"].ToString(), cancellationToken);
        }

        return Results.Redirect($"/staff/conversations/{conversation.ToSegment()}#turn-{ConversationKey.EncodeSegment(activityId)}", permanent: false, preserveMethod: false);
    }

    private static void Turn(StringBuilder body, TranscriptTurn turn, int n, string segment, string token, OverlayEditor? editor)
    {
        var anchor = Html.E(ConversationKey.EncodeSegment(turn.ActivityId));
        body.Append($"<li id=\"turn-{anchor}\" class=\"{(turn.IsBot ? "bot" : "user")}\">\n");
        body.Append($"<h3>{n}. {(turn.IsBot ? "MarrowBot" : "The person")}, {Html.TimeElement(turn.Timestamp)}</h3>\n");
        body.Append(turn.Deleted ? "<p><em>Deleted message.</em></p>\n" : $"<p class=\"message\">{Html.E(turn.Text)}</p>\n");
        if (turn.Attachments.Count > 0)
        {
            body.Append($"<p>Attachments: {Html.E(string.Join("; ", turn.Attachments))}</p>\n");
        }

        if (turn.Buttons.Count > 0)
        {
            body.Append("<p>Buttons offered:</p>\n<ul>\n");
            foreach (var button in turn.Buttons)
            {
                body.Append($"<li>{Html.E(button)}</li>\n");
            }

            body.Append("</ul>\n");
        }

        if (turn.Annotations is { } a)
        {
            body.Append("<dl class=\"annotations\">\n");
            Item(body, "Kind", Html.E(a.Kind));
            Item(body, "Intent", Html.E(a.Intent));
            Item(body, "Confidence", a.Confidence is { } confidence ? Html.E(confidence.ToString("0.00", CultureInfo.InvariantCulture)) : "Not recorded");
            Item(body, "Triage tier", Html.Tier(a.Triage));
            Item(body, "Triage categories", a.Categories.Count == 0 ? "None" : Html.E(string.Join(", ", a.Categories)));
            // A reply stored before the outcome entity carried a path and evidence has neither: "not recorded", not "none".
            Item(body, "Evidence", a.Evidence.Count > 0 ? EvidenceList(a.Evidence) : a.Path is null ? "Not recorded" : "None");
            Item(body, "Cited sections", a.Sections.Count == 0 ? "None" : Html.E(string.Join(", ", a.Sections)));
            Item(body, "Answer chosen by", a.Path is null ? "Not recorded" : Html.E(a.Path));
            Item(body, "The person's reaction", turn.Reactions.Count == 0 ? "None" : Html.E(string.Join(", ", turn.Reactions)));
            body.Append("</dl>\n");
        }

        if (turn.Labels.Count > 0)
        {
            body.Append("<p>Staff labels:</p>\n<ul>\n");
            foreach (var label in turn.Labels)
            {
                body.Append($"<li>{Html.E(TurnLabels.NameOf(label.Label))} by {Html.E(label.By)}, {Html.TimeElement(label.At)}{(label.Note is null ? string.Empty : ": " + Html.E(label.Note))}</li>\n");
            }

            body.Append("</ul>\n");
        }

        if (turn.IsBot && !turn.Deleted)
        {
            body.Append($"<form method=\"post\" action=\"/staff/conversations/{segment}/turns/{anchor}/labels\">{token}\n");
            body.Append($"<label for=\"label-{n}\">Label this reply</label> <select id=\"label-{n}\" name=\"label\" required>\n");
            foreach (var (value, name) in TurnLabels.All)
            {
                body.Append($"<option value=\"{Html.E(value)}\">{Html.E(name)}</option>");
            }

            body.Append("\n</select>\n");
            body.Append($"<label for=\"note-{n}\">Note (optional)</label> <input id=\"note-{n}\" name=\"note\" type=\"text\" maxlength=\"{TurnLabels.MaxNoteLength}\">\n");
            body.Append("<button type=\"submit\">Add label</button>\n</form>\n");
        }

        if (!turn.IsBot && !turn.Deleted && editor is not null && !string.IsNullOrWhiteSpace(turn.Text))
        {
            ImproveForm(body, turn, n, segment, anchor, token, editor);
        }

        body.Append("</li>\n");
    }

    private static string EvidenceList(IReadOnlyList<string> evidence) =>
        "<ul class=\"evidence\">" + string.Concat(evidence.Select(e => $"<li>{Html.E(e)}</li>")) + "</ul>";

    /// <summary>An editor's form on a person's message (ADR 0029): the stored text, editable, and three ways to add it to the overlay.</summary>
    private static void ImproveForm(StringBuilder body, TranscriptTurn turn, int n, string segment, string anchor, string token, OverlayEditor editor)
    {
        body.Append($"<details class=\"improve\"><summary>Improve the bot from this message</summary>\n");
        body.Append($"<form method=\"post\" action=\"/staff/conversations/{segment}/turns/{anchor}/improve\">{token}\n");
        body.Append($"<p><label for=\"improve-text-{n}\">Text to add (edit it if needed)</label><br><textarea id=\"improve-text-{n}\" name=\"text\" rows=\"2\" cols=\"60\" maxlength=\"{KnowledgeOverlay.MaxTextChars}\" required>{Html.E(turn.Text)}</textarea></p>\n");
        body.Append($"<p><label for=\"improve-intent-{n}\">Intent</label> <select id=\"improve-intent-{n}\" name=\"intent\">\n");
        foreach (var (id, question) in editor.Intents)
        {
            body.Append($"<option value=\"{Html.E(id)}\">{Html.E(question)}</option>");
        }

        body.Append("\n</select> <button type=\"submit\" name=\"action\" value=\"phrasing\">Add as phrasing of this intent</button></p>\n");
        body.Append("<p><button type=\"submit\" name=\"action\" value=\"out-of-scope\">Mark out of scope</button></p>\n");
        body.Append($"<p><label for=\"improve-tier-{n}\">Tier</label> <select id=\"improve-tier-{n}\" name=\"tier\"><option value=\"urgent\">Urgent</option><option value=\"emergency\">Emergency</option><option value=\"routine\">Routine</option></select> ");
        body.Append("<button type=\"submit\" name=\"action\" value=\"triage-case\">Make a triage case</button></p>\n</form>\n</details>\n");
    }

    private static void Item(StringBuilder body, string term, string html) => body.Append($"<dt>{Html.E(term)}</dt><dd>{html}</dd>\n");
}

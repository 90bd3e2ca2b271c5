using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Api;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// Improving the bot from real questions (ADR 0029), for editors only (<see cref="StaffRoles.EditPolicy"/>): from a
/// person's message in a transcript, add it as a phrasing of an FAQ or guidance intent, mark it out of scope or make
/// it a triage case; see the overlay and the retrain runs on /staff/improve and start a retrain. The JSON API checks
/// the anti-forgery header X-CSRF-TOKEN, the forms their hidden field; every change is audited (ids, intent and
/// tier, never the text).
/// </summary>
public static class ImprovementEndpoints
{
    public const string PagePath = "/staff/improve";

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/staff/api/conversations/{key}/turns/{activity}/improve", ApiAddAsync).RequireAuthorization(StaffRoles.EditPolicy);
        app.MapGet("/staff/api/improve", ApiStatusAsync).RequireAuthorization(StaffRoles.EditPolicy);
        app.MapPost("/staff/api/improve/retrain", ApiRetrainAsync).RequireAuthorization(StaffRoles.EditPolicy);
        app.MapPost("/staff/conversations/{key}/turns/{activity}/improve", FormAddAsync).RequireAuthorization(StaffRoles.EditPolicy);
        app.MapGet(PagePath, ImprovePage.RenderAsync).RequireAuthorization(StaffRoles.EditPolicy);
        app.MapPost(PagePath + "/retrain", FormRetrainAsync).RequireAuthorization(StaffRoles.EditPolicy);
    }

    /// <summary>
    /// What labelling a reply "missed red flag" adds (ADR 0029): the person's message before that reply as a triage
    /// case of at least urgent (an editor may give emergency). Returns the case id, or null when there was no
    /// message to take or no overlay.
    /// </summary>
    public static async Task<string?> AddMissedRedFlagAsync(HttpContext context, StaffTranscript transcript, string botActivityId, string? tier, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<OverlayEditor>() is not { } editor)
        {
            return null;
        }

        var turns = transcript.Turns;
        var at = turns.ToList().FindIndex(t => t.ActivityId == botActivityId);
        var message = at < 0 ? null : turns.Take(at).LastOrDefault(t => !t.IsBot && !t.Deleted && !string.IsNullOrWhiteSpace(t.Text));
        if (message is null)
        {
            return null;
        }

        var chosen = context.User.IsInRole(StaffRoles.Editor) && OverlayEditor.ParseTier(tier) == TriageTier.Emergency ? TriageTier.Emergency : TriageTier.Urgent;
        var text = message.Text!.Length > Knowledge.Content.KnowledgeOverlay.MaxTextChars ? message.Text[..Knowledge.Content.KnowledgeOverlay.MaxTextChars] : message.Text;
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        string id;
        try
        {
            id = await editor.AddTriageCaseAsync(text, chosen, StaffActor.Name(context.User), clock.GetUtcNow(), TurnLabels.MissedRedFlag, Source(transcript.Conversation.Key, message.ActivityId), cancellationToken);
        }
        catch (StaffInputException)
        {
            // The label stands; the overlay could not take the case (unreadable file). The page shows the overlay's problem.
            return null;
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.ContentChanged, $"{StaffActor.Target(transcript.Conversation.Key)}/{message.ActivityId}", $"triage case {id} ({chosen.ToString().ToLowerInvariant()}) from a missed red flag");
        return id;
    }

    private static async Task<IResult> ApiAddAsync(string key, string activity, HttpContext context, IStaffConversations store, OverlayEditor editor, TimeProvider clock, CancellationToken cancellationToken)
    {
        ImproveRequest? request;
        try
        {
            request = context.Request.HasJsonContentType() ? await context.Request.ReadFromJsonAsync<ImproveRequest>(Web, cancellationToken) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        if (request?.Action is null)
        {
            return StaffApiEndpoints.BadRequest("The body must be JSON: {\"action\": \"phrasing|out-of-scope|triage-case\", \"intent\": \"...\", \"tier\": \"...\", \"text\": \"...\"}.");
        }

        var turn = await FindMessageAsync(key, activity, store, cancellationToken);
        if (turn is null)
        {
            return Results.Json(new { error = "No such conversation or message." }, statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            var detail = await AddAsync(context, editor, clock, turn.Value.Key, turn.Value.Turn, request.Action, request.Intent, request.Tier, request.Text, cancellationToken);
            return Results.Created((string?)null, new { added = detail });
        }
        catch (StaffInputException ex)
        {
            return StaffApiEndpoints.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> FormAddAsync(string key, string activity, HttpContext context, IStaffConversations store, OverlayEditor editor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        var turn = await FindMessageAsync(key, activity, store, cancellationToken);
        if (turn is null)
        {
            return Html.Error(context, StatusCodes.Status404NotFound, "No such message", "This conversation has no such message from the person.");
        }

        try
        {
            await AddAsync(context, editor, clock, turn.Value.Key, turn.Value.Turn, form?["action"].ToString(), form?["intent"].ToString(), form?["tier"].ToString(), form?["text"].ToString(), cancellationToken);
        }
        catch (StaffInputException ex)
        {
            return Html.Error(context, StatusCodes.Status400BadRequest, "Nothing was added", ex.Message);
        }

        return Results.Redirect($"/staff/conversations/{turn.Value.Key.ToSegment()}?added=1#turn-{ConversationKey.EncodeSegment(turn.Value.Turn.ActivityId)}", permanent: false, preserveMethod: false);
    }

    private static async Task<string> AddAsync(HttpContext context, OverlayEditor editor, TimeProvider clock, ConversationKey key, TranscriptTurn turn, string? action, string? intent, string? tier, string? text, CancellationToken cancellationToken)
    {
        // The stored (redacted) message unless the editor changed it.
        text = string.IsNullOrWhiteSpace(text) ? turn.Text : text;
        var by = StaffActor.Name(context.User);
        var now = clock.GetUtcNow();
        var source = Source(key, turn.ActivityId);
        string detail;
        switch (action)
        {
            case "phrasing":
                await editor.AddPhrasingAsync(intent, text, by, now, source, cancellationToken);
                detail = $"phrasing of {intent}";
                break;
            case "out-of-scope":
                await editor.AddOutOfScopeAsync(text, by, now, source, cancellationToken);
                detail = "out-of-scope phrasing";
                break;
            case "triage-case":
                var parsed = OverlayEditor.ParseTier(tier) ?? throw new StaffInputException("The tier must be routine, urgent or emergency.");
                var id = await editor.AddTriageCaseAsync(text, parsed, by, now, null, source, cancellationToken);
                detail = $"triage case {id} ({parsed.ToString().ToLowerInvariant()})";
                break;
            default:
                throw new StaffInputException("The action must be phrasing, out-of-scope or triage-case.");
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.ContentChanged, $"{StaffActor.Target(key)}/{turn.ActivityId}", detail);
        return detail;
    }

    private static async Task<IResult> ApiStatusAsync(HttpContext context, ImprovementStatus status, CancellationToken cancellationToken)
    {
        var view = await status.ReadAsync(cancellationToken);
        return Results.Json(view.ToJson());
    }

    private static async Task<IResult> ApiRetrainAsync(HttpContext context, RetrainService retrains)
    {
        var queued = retrains.Request(StaffActor.Name(context.User));
        await StaffActor.AuditAsync(context, StaffAuditActions.ContentChanged, "knowledge-overlay", queued ? "retrain requested" : "retrain requested (joined the waiting one)");
        return Results.Json(new { queued, coalesced = !queued }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> FormRetrainAsync(HttpContext context, RetrainService retrains)
    {
        var queued = retrains.Request(StaffActor.Name(context.User));
        await StaffActor.AuditAsync(context, StaffAuditActions.ContentChanged, "knowledge-overlay", queued ? "retrain requested" : "retrain requested (joined the waiting one)");
        return Results.Redirect(PagePath + (queued ? "?retrain=queued" : "?retrain=coalesced"), permanent: false, preserveMethod: false);
    }

    private static async Task<(ConversationKey Key, TranscriptTurn Turn)?> FindMessageAsync(string key, string activity, IStaffConversations store, CancellationToken cancellationToken)
    {
        if (!ConversationKey.TryParse(key, out var conversation) || !ConversationKey.TryDecodeSegment(activity, out var activityId)
            || await store.GetTranscriptAsync(conversation, cancellationToken) is not { } transcript)
        {
            return null;
        }

        var turn = transcript.Turns.FirstOrDefault(t => t.ActivityId == activityId && !t.IsBot && !t.Deleted);
        return turn is null ? null : (conversation, turn);
    }

    private static string Source(ConversationKey key, string activityId) => $"{key.ChannelId}/{key.ConversationId}/{activityId}";

    private sealed record ImproveRequest(string? Action, string? Intent, string? Tier, string? Text);
}

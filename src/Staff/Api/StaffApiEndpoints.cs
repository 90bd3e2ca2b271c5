using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Dashboard;
using MarrowBot.Staff.Handoff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Api;

/// <summary>
/// The console's JSON API under /staff/api. A conversation is named by one path segment
/// (<see cref="ConversationKey.ToSegment"/>: base64url channel '~' base64url id), a reply by its activity id in
/// base64url, so ids with ':', '/', ';' or '|' route safely. Reads need <see cref="StaffRoles.ReadPolicy"/>;
/// acknowledging, reviewing and labelling need <see cref="StaffRoles.ReviewPolicy"/> and the anti-forgery token
/// (header X-CSRF-TOKEN, or the form field). Every view, export and change is audited.
/// </summary>
public static class StaffApiEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/staff/api");
        api.MapGet("/conversations", ListAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapGet("/conversations/{key}", GetAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapGet("/conversations/{key}/export", ExportConversationAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapGet("/export", ExportAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapGet("/dashboard", DashboardAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapPost("/conversations/{key}/acknowledge", AcknowledgeAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        api.MapPost("/conversations/{key}/reviewed", ReviewedAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        api.MapPost("/conversations/{key}/turns/{activity}/labels", LabelAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
    }

    public static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound() => Results.Json(new { error = "No such conversation or reply." }, statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> ListAsync(HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        try
        {
            var query = InboxQueryParser.Parse(context.Request.Query);
            var page = await store.ListAsync(query, cancellationToken);
            var counts = await store.CountAsync(query, cancellationToken);
            await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, "inbox", InboxQueryParser.Describe(query));
            return Results.Json(new { conversations = page.Conversations.Select(StaffJson.Conversation), counts = StaffJson.Counts(counts), next = page.NextPageToken });
        }
        catch (StaffInputException ex)
        {
            return BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> DashboardAsync(
        HttpContext context, IStaffDashboard dashboard, IOptions<HandoffOptions> handoff, TimeProvider clock, CancellationToken cancellationToken)
    {
        DashboardQuery query;
        try
        {
            query = DashboardQueryParser.Parse(context.Request.Query, handoff.Value.Hours().Zone, clock.GetUtcNow());
        }
        catch (StaffInputException ex)
        {
            return BadRequest(ex.Message);
        }

        var figures = await dashboard.GetAsync(query, cancellationToken);
        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, "dashboard", DashboardQueryParser.ToQueryString(query));
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(DashboardJson.Of(figures));
    }

    private static async Task<IResult> GetAsync(string key, HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        if (!ConversationKey.TryParse(key, out var conversation))
        {
            return NotFound();
        }

        var transcript = await store.GetTranscriptAsync(conversation, cancellationToken);
        if (transcript is null)
        {
            return NotFound();
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Viewed, StaffActor.Target(conversation), null);
        return Results.Json(StaffJson.Transcript(transcript));
    }

    private static async Task<IResult> ExportAsync(HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        try
        {
            var format = Format(context.Request.Query);
            var query = InboxQueryParser.Parse(context.Request.Query).WithoutPage();
            var (conversations, truncated) = await StaffExport.CollectAsync(store, query, cancellationToken);
            await StaffActor.AuditAsync(context, StaffAuditActions.Exported, "inbox", $"{format} {conversations.Count} conversations {InboxQueryParser.Describe(query)}".TrimEnd());
            context.Response.Headers["X-Export-Truncated"] = truncated ? "true" : "false";
            return format == "csv"
                ? Results.File(StaffExport.Utf8(StaffExport.InboxCsv(conversations)), "text/csv; charset=utf-8", "conversations.csv")
                : Results.File(StaffExport.Utf8(System.Text.Json.JsonSerializer.Serialize(new { conversations = conversations.Select(StaffJson.Conversation), truncated }, Web)), "application/json; charset=utf-8", "conversations.json");
        }
        catch (StaffInputException ex)
        {
            return BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> ExportConversationAsync(string key, HttpContext context, IStaffConversations store, CancellationToken cancellationToken)
    {
        string format;
        try
        {
            format = Format(context.Request.Query);
        }
        catch (StaffInputException ex)
        {
            return BadRequest(ex.Message);
        }

        if (!ConversationKey.TryParse(key, out var conversation) || await store.GetTranscriptAsync(conversation, cancellationToken) is not { } transcript)
        {
            return NotFound();
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Exported, StaffActor.Target(conversation), format);
        return format == "csv"
            ? Results.File(StaffExport.Utf8(StaffExport.TranscriptCsv(transcript)), "text/csv; charset=utf-8", "conversation.csv")
            : Results.File(StaffExport.Utf8(System.Text.Json.JsonSerializer.Serialize(StaffJson.Transcript(transcript), Web)), "application/json; charset=utf-8", "conversation.json");
    }

    private static Task<IResult> AcknowledgeAsync(string key, HttpContext context, IStaffConversations store, TimeProvider clock, CancellationToken cancellationToken) =>
        MarkAsync(key, context, StaffAuditActions.Acknowledged, (conversation, by) => store.AcknowledgeAsync(conversation, by, clock.GetUtcNow(), cancellationToken));

    private static Task<IResult> ReviewedAsync(string key, HttpContext context, IStaffConversations store, TimeProvider clock, CancellationToken cancellationToken) =>
        MarkAsync(key, context, StaffAuditActions.Reviewed, (conversation, by) => store.MarkReviewedAsync(conversation, by, clock.GetUtcNow(), cancellationToken));

    private static async Task<IResult> MarkAsync(string key, HttpContext context, string action, Func<ConversationKey, string, Task<bool>> mark)
    {
        if (!ConversationKey.TryParse(key, out var conversation) || !await mark(conversation, StaffActor.Name(context.User)))
        {
            return NotFound();
        }

        await StaffActor.AuditAsync(context, action, StaffActor.Target(conversation), null);
        return Results.NoContent();
    }

    private static async Task<IResult> LabelAsync(string key, string activity, HttpContext context, IStaffConversations store, TimeProvider clock, CancellationToken cancellationToken)
    {
        LabelRequest? request;
        try
        {
            request = context.Request.HasJsonContentType()
                ? await context.Request.ReadFromJsonAsync<LabelRequest>(Web, cancellationToken)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return BadRequest("The body must be JSON: {\"label\": \"...\", \"note\": \"...\"}.");
        }

        if (request?.Label is null)
        {
            return BadRequest("The body must be JSON: {\"label\": \"...\", \"note\": \"...\"}.");
        }

        if (!ConversationKey.TryParse(key, out var conversation) || !ConversationKey.TryDecodeSegment(activity, out var activityId))
        {
            return NotFound();
        }

        try
        {
            if (!await store.LabelTurnAsync(conversation, activityId, request.Label, request.Note, StaffActor.Name(context.User), clock.GetUtcNow(), cancellationToken))
            {
                return NotFound();
            }
        }
        catch (StaffInputException ex)
        {
            return BadRequest(ex.Message);
        }

        await StaffActor.AuditAsync(context, StaffAuditActions.Labelled, $"{StaffActor.Target(conversation)}/{activityId}", request.Label);
        string? triageCase = null;
        if (request.Label == TurnLabels.MissedRedFlag && await store.GetTranscriptAsync(conversation, cancellationToken) is { } transcript)
        {
            // A missed red flag becomes a triage regression case in the overlay (ADR 0029).
            triageCase = await Improve.ImprovementEndpoints.AddMissedRedFlagAsync(context, transcript, activityId, request.Tier, cancellationToken);
        }

        return Results.Created((string?)null, new { label = request.Label, triageCase });
    }

    private static string Format(IQueryCollection query) => query["format"].ToString() switch
    {
        "" or "json" => "json",
        "csv" => "csv",
        _ => throw new StaffInputException("format must be json or csv."),
    };

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    private sealed record LabelRequest(string? Label, string? Note, string? Tier);
}

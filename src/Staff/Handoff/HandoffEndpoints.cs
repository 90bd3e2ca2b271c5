using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Handoff;

/// <summary>
/// The hand-off queue in the console: the API (GET /staff/api/handoffs, POST /staff/api/handoffs/{id}/reply and
/// /close) and the page (GET /staff/handoffs, its forms posting to /staff/handoffs/{id}/reply and /close).
/// </summary>
public static class HandoffEndpoints
{
    /// <summary>The most requests the queue shows at once.</summary>
    public const int ListLimit = 200;

    /// <summary>
    /// Maps the queue's API and page under /staff. The console maps them inside its anti-forgery group, so each POST
    /// (a form's hidden field, or the API's X-CSRF-TOKEN header) is refused without the token.
    /// </summary>
    public static IEndpointRouteBuilder MapHandoff(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/staff/api/handoffs");
        api.MapGet("", ListAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapPost("/{id:long}/reply", ReplyAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        api.MapPost("/{id:long}/close", CloseAsync).RequireAuthorization(StaffRoles.ReviewPolicy);

        var page = endpoints.MapGroup("/staff/handoffs");
        page.MapGet("", PageAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        page.MapPost("/{id:long}/reply", ReplyFromFormAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        page.MapPost("/{id:long}/close", CloseFromFormAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(IHandoffQueue queue, CancellationToken cancellationToken)
    {
        var open = await queue.ListOpenAsync(ListLimit, cancellationToken);
        return Results.Ok(new { handoffs = open.Select(HandoffView.From) });
    }

    private static async Task<IResult> ReplyAsync(long id, HandoffReplyBody? body, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var (outcome, request) = await desk.ReplyAsync(id, body?.Text, Actor(user), cancellationToken);
        return ToApiResult(outcome, request);
    }

    private static async Task<IResult> CloseAsync(long id, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var (outcome, request) = await desk.CloseAsync(id, Actor(user), cancellationToken);
        return ToApiResult(outcome, request);
    }

    private static async Task<IResult> PageAsync(HttpContext context, IHandoffQueue queue, IAntiforgery antiforgery, IOptions<HandoffOptions> options, CancellationToken cancellationToken)
    {
        var open = await queue.ListOpenAsync(ListLimit, cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HandoffPage.Render(open, (tokens.FormFieldName, tokens.RequestToken!), options.Value.Hours(), options.Value.HandoffMaxReplyChars);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> ReplyFromFormAsync(long id, [FromForm(Name = "text")] string? text, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var (outcome, _) = await desk.ReplyAsync(id, text, Actor(user), cancellationToken);
        return ToPageResult(outcome);
    }

    private static async Task<IResult> CloseFromFormAsync(long id, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var (outcome, _) = await desk.CloseAsync(id, Actor(user), cancellationToken);
        return ToPageResult(outcome);
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    private static IResult ToApiResult(HandoffReplyOutcome outcome, HandoffRequest? request) => outcome switch
    {
        HandoffReplyOutcome.Sent => Results.Ok(HandoffView.From(request!)),
        HandoffReplyOutcome.InvalidText => Problem(StatusCodes.Status400BadRequest, "The reply must be text, not empty and not too long."),
        HandoffReplyOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "There is no such hand-off request."),
        HandoffReplyOutcome.Closed => Problem(StatusCodes.Status409Conflict, "The hand-off request is closed."),
        HandoffReplyOutcome.ConversationGone => Problem(StatusCodes.Status410Gone, "The conversation can no longer be reached."),
        _ => Problem(StatusCodes.Status502BadGateway, "The channel did not take the reply; nothing was delivered."),
    };

    private static IResult ToPageResult(HandoffReplyOutcome outcome) => outcome switch
    {
        HandoffReplyOutcome.Sent => Results.Redirect("/staff/handoffs", permanent: false, preserveMethod: false),
        HandoffReplyOutcome.InvalidText => Page(StatusCodes.Status400BadRequest, "Reply not sent", "The reply must not be empty or too long."),
        HandoffReplyOutcome.NotFound => Page(StatusCodes.Status404NotFound, "Not found", "There is no such hand-off request."),
        HandoffReplyOutcome.Closed => Page(StatusCodes.Status409Conflict, "Request closed", "The hand-off request is closed."),
        HandoffReplyOutcome.ConversationGone => Page(StatusCodes.Status410Gone, "Reply not sent", "The conversation can no longer be reached."),
        _ => Page(StatusCodes.Status502BadGateway, "Reply not sent", "The channel did not take the reply; nothing was delivered."),
    };

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    private static IResult Page(int status, string title, string text) =>
        Results.Content(HandoffPage.Message(title, text), "text/html; charset=utf-8", statusCode: status);
}

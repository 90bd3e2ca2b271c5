using MarrowBot.Staff.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Pages;

/// <summary>Console pages as responses: the layout around a body, for the person signed in on this request.</summary>
public static class StaffPages
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>A page response; the header shows the signed-in person (not an API key) with a sign-out form.</summary>
    public static IResult Page(HttpContext context, string title, string bodyHtml, int statusCode = StatusCodes.Status200OK, bool heading = true, IReadOnlyList<string>? scripts = null) =>
        Results.Content(StaffLayout.Render(title, bodyHtml, UserOf(context), heading, scripts), HtmlContentType, statusCode: statusCode);

    /// <summary>Writes a page directly (from authentication events, where there is no endpoint result).</summary>
    public static Task WriteAsync(HttpContext context, string title, string bodyHtml, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = HtmlContentType;
        return context.Response.WriteAsync(StaffLayout.Render(title, bodyHtml, UserOf(context)));
    }


    private static StaffPageUser? UserOf(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || StaffClaims.MethodOf(user) is null or StaffClaims.ApiKeyMethod)
        {
            return null;
        }

        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new StaffPageUser(user.Identity.Name ?? string.Empty, StaffClaims.RoleOf(user) ?? string.Empty, tokens.FormFieldName, tokens.RequestToken ?? string.Empty);
    }
}

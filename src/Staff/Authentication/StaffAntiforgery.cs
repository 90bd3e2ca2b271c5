using MarrowBot.Staff.Api;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Authentication;

/// <summary>
/// Refuses a console request whose anti-forgery token the middleware found invalid (400), for every endpoint in
/// the console's group, whether or not it binds a form: the API with its JSON error naming the header, a page's
/// form with a page. The handlers behind it never check the token again.
/// </summary>
public static class StaffAntiforgery
{
    public static async ValueTask<object?> RefuseInvalidAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return StaffCookieEvents.IsApi(context.HttpContext.Request)
                ? StaffApiEndpoints.BadRequest("The anti-forgery token is missing or invalid; send it in the X-CSRF-TOKEN header.")
                : StaffPages.Page(context.HttpContext, "Form expired", $"<p>This form has expired or did not come from the console. <a href=\"{SignInPage.Path}\">Start again</a>.</p>", StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}

using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Authentication;

/// <summary>
/// How the staff cookie answers: the API (<c>/staff/api/*</c>) gets 401 and 403 with no redirect; a page without a
/// session goes to the sign-in page with the page as returnUrl, and a page the person's role does not allow gets a
/// 403 page. Each request with a local account's cookie checks the account still exists with the same role and
/// password, so removing an account or resetting its password ends its sessions.
/// </summary>
public sealed class StaffCookieEvents : CookieAuthenticationEvents
{
    public const string ApiPath = "/staff/api";

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return StaffPages.WriteAsync(context.HttpContext, "Not allowed", "<p>Your role does not allow this page.</p>\n<p><a href=\"/staff\">Back to the console</a></p>", StatusCodes.Status403Forbidden);
    }

    public override Task RedirectToLogout(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var user = context.Principal!;
        if (StaffClaims.MethodOf(user) != StaffClaims.PasswordMethod)
        {
            return;
        }

        StaffAccount? account;
        try
        {
            account = await context.HttpContext.RequestServices.GetRequiredService<IStaffAccountStore>().FindAsync(user.Identity!.Name!, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            account = null; // the store is down: no session can be checked, so none is honoured
        }

        if (account is null || account.Role != StaffClaims.RoleOf(user) || StaffClaims.StampOf(account.PasswordHash) != user.FindFirst(StaffClaims.Stamp)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StaffSchemes.Cookie);
        }
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase);
}

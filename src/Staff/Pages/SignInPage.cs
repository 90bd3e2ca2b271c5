using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// GET and POST /staff/sign-in (a local account's name and password, and a link to the organisation's provider when
/// one is configured), GET /staff/sign-in/organisation, and POST /staff/sign-out. After signing in, the person goes
/// back to the console page they asked for (<see cref="ReturnUrl"/>), never elsewhere.
/// </summary>
public static class SignInPage
{
    public const string Path = "/staff/sign-in";

    public static IResult Show(HttpContext context, IOptions<StaffOptions> options, string? returnUrl) =>
        Form(context, options.Value, ReturnUrl.LocalOrHome(returnUrl), error: null, StatusCodes.Status200OK);

    public static async Task<IResult> SubmitAsync(HttpContext context, StaffSignIn signIn, IOptions<StaffOptions> options, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var returnUrl = ReturnUrl.LocalOrHome(form["returnUrl"]);
        var result = await signIn.SignInAsync(form["name"], form["password"], cancellationToken);
        if (!result.Succeeded)
        {
            var settings = options.Value;
            var error = $"Sign-in failed: the name or password is wrong, or the account is locked ({settings.MaxFailedSignIns} wrong passwords lock it for {settings.LockoutDuration.TotalMinutes:0} minutes).";
            return Form(context, settings, returnUrl, error, StatusCodes.Status200OK);
        }

        var account = result.Account!;
        var principal = StaffClaims.Principal(StaffSchemes.Cookie, account.Name, account.Role, StaffClaims.PasswordMethod, StaffClaims.StampOf(account.PasswordHash));
        await context.SignInAsync(StaffSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(returnUrl);
    }

    public static IResult Organisation(IOptions<StaffOptions> options, string? returnUrl) =>
        options.Value.Oidc.IsEnabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl.LocalOrHome(returnUrl) }, [StaffSchemes.Oidc])
            : Results.NotFound();

    public static async Task<IResult> SignOutAsync(HttpContext context, IStaffAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = context.User.Identity?.Name;
        await context.SignOutAsync(StaffSchemes.Cookie);
        if (name is not null)
        {
            await audit.RecordAsync(new StaffAuditEntry(time.GetUtcNow(), name, StaffAuditActions.SignedOut, null, StaffClaims.MethodOf(context.User)), cancellationToken);
        }

        return Results.Redirect(Path);
    }

    private static IResult Form(HttpContext context, StaffOptions options, string returnUrl, string? error, int statusCode)
    {
        var body = (error is null ? string.Empty : $"<p class=\"staff-error\" role=\"alert\">{Html.E(error)}</p>\n")
            + $"<form class=\"staff-form\" method=\"post\" action=\"{Path}\">\n"
            + Html.AntiforgeryField(context) + "\n"
            + $"<input type=\"hidden\" name=\"returnUrl\" value=\"{Html.E(returnUrl)}\">\n"
            + "<label>Name <input type=\"text\" name=\"name\" autocomplete=\"username\" required maxlength=\"64\" autofocus></label>\n"
            + $"<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required maxlength=\"{StaffPasswords.MaximumLength}\"></label>\n"
            + "<button type=\"submit\">Sign in</button>\n</form>\n";
        if (options.Oidc.IsEnabled)
        {
            body += $"<p><a class=\"staff-button\" href=\"{Path}/organisation?returnUrl={Html.E(Uri.EscapeDataString(returnUrl))}\">Sign in with your organisation</a></p>\n";
        }

        // Shown signed out: the sign-in page never carries a session's sign-out form.
        return Results.Content(StaffLayout.Render("Sign in", body, user: null), StaffPages.HtmlContentType, statusCode: statusCode);
    }
}

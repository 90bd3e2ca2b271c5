using System.Security.Claims;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Authentication;

/// <summary>
/// After the organisation's provider vouches for a person: their role comes from <see cref="StaffOidcOptions.RoleClaim"/>
/// through <see cref="StaffOidcOptions.Roles"/> (editor wins over reviewer), and the session holds only their name,
/// that role and the method. A person with no mapped role gets a 403 page and no session. Both go in the audit log.
/// </summary>
public sealed class StaffOidcEvents(StaffOidcOptions options) : OpenIdConnectEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var external = context.Principal!;
        var name = external.FindFirstValue("preferred_username") ?? external.FindFirstValue("email") ?? external.FindFirstValue(ClaimTypes.Email)
            ?? external.FindFirstValue("name") ?? external.FindFirstValue(ClaimTypes.NameIdentifier) ?? external.FindFirstValue("sub") ?? "unknown";
        var actor = "oidc:" + StaffNames.ForAudit(name);
        var role = RoleFor(external.FindAll(options.RoleClaim).Select(c => c.Value));
        var audit = context.HttpContext.RequestServices.GetRequiredService<IStaffAuditLog>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (role is null)
        {
            await audit.RecordAsync(new StaffAuditEntry(now, actor, StaffAuditActions.SignInFailed, null, "organisation sign-in with no mapped role"), context.HttpContext.RequestAborted);
            await StaffPages.WriteAsync(context.HttpContext, "Not allowed", "<p>Your organisation account has no role in this console. Ask an editor to map your group to a role.</p>", StatusCodes.Status403Forbidden);
            context.HandleResponse();
            return;
        }

        context.Principal = StaffClaims.Principal(StaffSchemes.Cookie, actor, role, StaffClaims.OidcMethod);
        await audit.RecordAsync(new StaffAuditEntry(now, actor, StaffAuditActions.SignedIn, null, "organisation"), context.HttpContext.RequestAborted);
    }

    /// <summary>The staff role the claim values map to: editor if any maps to editor, else reviewer if any maps to reviewer, else null.</summary>
    public string? RoleFor(IEnumerable<string> claimValues)
    {
        var roles = claimValues.Select(v => options.Roles.GetValueOrDefault(v)).ToHashSet();
        return roles.Contains(StaffRoles.Editor) ? StaffRoles.Editor : roles.Contains(StaffRoles.Reviewer) ? StaffRoles.Reviewer : null;
    }
}

using MarrowBot.Staff.Authentication;
using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>GET /staff/api/me: who the caller is (name, role and how they signed in: password, oidc or api-key).</summary>
public static class StaffMe
{
    public static IResult Get(HttpContext context) => Results.Json(new
    {
        name = context.User.Identity?.Name,
        role = StaffClaims.RoleOf(context.User),
        method = StaffClaims.MethodOf(context.User),
    });
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace MarrowBot.Staff.Authentication;

/// <summary>The claims of a signed-in staff member or API key: name, role, how they signed in, and for a local account a stamp of its password.</summary>
public static class StaffClaims
{
    /// <summary>"password", "oidc" or "api-key".</summary>
    public const string Method = "marrowbot:staff-method";

    /// <summary>A digest of the local account's password hash: a reset password ends the sessions signed in with the old one.</summary>
    public const string Stamp = "marrowbot:staff-stamp";

    public const string PasswordMethod = "password";
    public const string OidcMethod = "oidc";
    public const string ApiKeyMethod = "api-key";

    public static ClaimsPrincipal Principal(string scheme, string name, string role, string method, string? stamp = null)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaim(new Claim(Method, method));
        if (stamp is not null)
        {
            identity.AddClaim(new Claim(Stamp, stamp));
        }

        return new ClaimsPrincipal(identity);
    }

    public static string StampOf(string passwordHash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash)), 0, 16);

    public static string? RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);

    public static string? MethodOf(ClaimsPrincipal user) => user.FindFirstValue(Method);
}

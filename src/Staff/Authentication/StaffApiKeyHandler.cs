using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MarrowBot.Staff.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with a key from <c>Staff:ApiKeys</c>: the caller is
/// <c>api-key:&lt;label&gt;</c> in role <see cref="StaffRoles.ApiReader"/>, which only <see cref="StaffRoles.ReadPolicy"/> admits.
/// </summary>
public sealed class StaffApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StaffApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ActorPrefix = "api-key:";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request.Headers.Authorization.ToString(), out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Match(presented) is not { } label)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of Staff:ApiKeys."));
        }

        var principal = StaffClaims.Principal(Scheme.Name, ActorPrefix + label, StaffRoles.ApiReader, StaffClaims.ApiKeyMethod);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>Whether the header is <c>Bearer &lt;token&gt;</c> (scheme in any case).</summary>
    public static bool TryReadBearer(string header, out string token)
    {
        const string Prefix = "Bearer ";
        token = header.Length > Prefix.Length && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : string.Empty;
        return token.Length > 0;
    }
}

using MarrowBot.Staff;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using MarrowBot.Staff.Authentication;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// TEST ONLY. Stands in for staff sign-in (issue 11's authentication work, merged separately) so the console's
/// routes can be tested behind their real policies: the request names the staff member and role in a header,
/// "X-Test-Staff: alice; reviewer" (or "alice|reviewer"). Without the header nobody is signed in. Never registered by the bot.
/// </summary>
public sealed class TestStaffAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestStaff";
    public const string Header = "X-Test-Staff";

    /// <summary>
    /// Registers this handler and has the console's own policy scheme forward to it when a request carries the
    /// header; without it the real sign-in (cookie, API key) decides as in production.
    /// </summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestStaffAuthentication>(SchemeName, null);
        services.PostConfigure<PolicySchemeOptions>(StaffSchemes.Staff, options =>
        {
            var real = options.ForwardDefaultSelector;
            options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(Header) ? SchemeName : real?.Invoke(context);
        });
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].FirstOrDefault() is not { } value || value.Split([';', '|'], StringSplitOptions.TrimEntries) is not [var name, var role])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Signed in as an organisation's account would be (no local account to check), or as an API key.
        var method = role == StaffRoles.ApiReader ? StaffClaims.ApiKeyMethod : StaffClaims.OidcMethod;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(StaffClaims.Method, method)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

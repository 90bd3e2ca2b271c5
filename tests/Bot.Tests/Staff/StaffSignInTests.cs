using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>Signing in and out of the staff console through the real host, its SQLite file and its clock.</summary>
public sealed class StaffSignInTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private BotHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await BotHost.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASignedInReviewerReachesTheConsoleAndTheApiSaysWhoTheyAre()
    {
        await StaffClient.AddAccountAsync(_host, "Rita", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);

        using var signIn = await client.SignInAsync("rita");
        var (status, me) = await client.MeAsync();

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/staff", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Rita", (string?)me!["name"]);
        Assert.Equal("reviewer", (string?)me["role"]);
        Assert.Equal("password", (string?)me["method"]);
        Assert.Contains("Rita (reviewer)", await client.GetPageAsync("/staff"));
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlySameSiteLaxAndOnlyForStaffPaths()
    {
        await StaffClient.AddAccountAsync(_host, "cookie-check", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);

        using var signIn = await client.SignInAsync("cookie-check");

        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MarrowBot.Staff=", StringComparison.Ordinal));
        Assert.Contains("path=/staff", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie
    }

    [Fact]
    public async Task ASignInPostWithoutTheAntiforgeryTokenIsRefusedAndSignsNobodyIn()
    {
        await StaffClient.AddAccountAsync(_host, "no-token", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        await client.GetPageAsync("/staff/sign-in"); // the antiforgery cookie, but no token in the form

        using var response = await client.Http.PostAsync("/staff/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "no-token", ["password"] = StaffClient.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync()).Status);
    }

    [Fact]
    public async Task ASignOutPostWithoutTheAntiforgeryTokenIsRefusedAndTheSessionGoesOn()
    {
        await StaffClient.AddAccountAsync(_host, "stays", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        await client.SignInOrFailAsync("stays");

        using var response = await client.Http.PostAsync("/staff/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.MeAsync()).Status);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsAudited()
    {
        await StaffClient.AddAccountAsync(_host, "leaver", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        await client.SignInOrFailAsync("leaver");

        using var response = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync()).Status);
        Assert.Contains(await AuditAsync(), e => e.Actor == "leaver" && e.Action == StaffAuditActions.SignedOut);
    }

    [Fact]
    public async Task FourWrongPasswordsDoNotLockTheAccountAndTheRightOneThenWorks()
    {
        await StaffClient.AddAccountAsync(_host, "careful", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);

        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.SignInAsync("careful", "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Sign-in failed", await wrong.Content.ReadAsStringAsync());
        }

        await client.SignInOrFailAsync("careful");
        Assert.Equal(0, (await AccountAsync("careful")).FailedCount);
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == StaffAuditActions.LockedOut);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutesEvenAgainstTheRightPassword()
    {
        await StaffClient.AddAccountAsync(_host, "forgetful", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        for (var i = 0; i < 5; i++)
        {
            (await client.SignInAsync("forgetful", "not the password at all")).Dispose();
        }

        using var whileLocked = await client.SignInAsync("forgetful");
        _clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await client.SignInAsync("forgetful");
        _clock.Advance(TimeSpan.FromMinutes(1.5));
        using var afterwards = await client.SignInAsync("forgetful");

        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode); // the form again, no session
        Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        var audit = await AuditAsync();
        Assert.Single(audit, e => e.Actor == "forgetful" && e.Action == StaffAuditActions.LockedOut);
        Assert.Equal(2, audit.Count(e => e.Actor == "forgetful" && e.Detail == "account locked"));
        Assert.Equal(5, audit.Count(e => e.Actor == "forgetful" && e.Detail == "wrong password"));
    }

    [Fact]
    public async Task AFailedSignInIsAuditedWithTheNameTriedAndNeverThePassword()
    {
        using var client = new StaffClient(_host);

        (await client.SignInAsync("nobody-here", "SecretPassword-123")).Dispose();

        var entries = await AuditAsync();
        Assert.Contains(entries, e => e.Actor == "nobody-here" && e.Action == StaffAuditActions.SignInFailed && e.Detail == "unknown name");
        Assert.DoesNotContain(entries, e => $"{e.Actor} {e.Target} {e.Detail}".Contains("SecretPassword", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, m => m.Contains("SecretPassword", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterSigningInThePersonGoesBackToTheConsolePageTheyAskedForButNeverToAnotherSite()
    {
        await StaffClient.AddAccountAsync(_host, "traveller", StaffRoles.Reviewer);
        using var local = new StaffClient(_host);
        using var elsewhere = new StaffClient(_host);

        using var toConsole = await local.SignInAsync("traveller", returnUrl: "/staff/api/me");
        using var toAnotherSite = await elsewhere.SignInAsync("traveller", returnUrl: "//evil.example/staff");

        Assert.Equal("/staff/api/me", toConsole.Headers.Location!.OriginalString);
        Assert.Equal("/staff", toAnotherSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ASessionIdleForLongerThanTheIdleTimeoutEndsButRequestsWithinItKeepItAlive()
    {
        await StaffClient.AddAccountAsync(_host, "idler", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        await client.SignInOrFailAsync("idler");

        _clock.Advance(TimeSpan.FromMinutes(20));
        var afterTwenty = (await client.MeAsync()).Status; // past half the timeout: the cookie is renewed
        _clock.Advance(TimeSpan.FromMinutes(20));
        var afterForty = (await client.MeAsync()).Status;
        _clock.Advance(TimeSpan.FromMinutes(31));
        var afterIdleHalfHour = (await client.MeAsync()).Status;

        Assert.Equal(HttpStatusCode.OK, afterTwenty);
        Assert.Equal(HttpStatusCode.OK, afterForty);
        Assert.Equal(HttpStatusCode.Unauthorized, afterIdleHalfHour);
    }

    [Fact]
    public async Task RemovingAnAccountOrResettingItsPasswordEndsItsSessions()
    {
        await StaffClient.AddAccountAsync(_host, "removed", StaffRoles.Reviewer);
        await StaffClient.AddAccountAsync(_host, "reset", StaffRoles.Reviewer);
        using var removed = new StaffClient(_host);
        using var reset = new StaffClient(_host);
        await removed.SignInOrFailAsync("removed");
        await reset.SignInOrFailAsync("reset");
        var accounts = _host.Services.GetRequiredService<IStaffAccountStore>();

        await accounts.RemoveAsync("removed", CancellationToken.None);
        await accounts.SetPasswordAsync("reset", _host.Services.GetRequiredService<StaffPasswords>().Hash("a brand new password"), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await removed.MeAsync()).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reset.MeAsync()).Status);
    }

    [Fact]
    public async Task TheSignInPageUsesOnlyItsOwnStylesheetAndMayPostFormsOnlyToItself()
    {
        using var client = new StaffClient(_host);

        using var page = await client.Http.GetAsync("/staff/sign-in");
        using var css = await client.Http.GetAsync("/staff/assets/staff.css");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("form-action 'self'", policy);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/staff/assets/staff.css\"", html);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheVisitorsChatPageStillMayPostNoForm()
    {
        using var page = await _host.Client.GetAsync("/");

        Assert.Contains("form-action 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    private async Task<StaffAccount> AccountAsync(string name) =>
        (await _host.Services.GetRequiredService<IStaffAccountStore>().FindAsync(name, CancellationToken.None))!;

    private Task<IReadOnlyList<StaffAuditEntry>> AuditAsync() =>
        _host.Services.GetRequiredService<IStaffAuditLog>().ListAsync(500, null, CancellationToken.None);
}

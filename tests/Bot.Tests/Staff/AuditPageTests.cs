using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The audit log's page (/staff/audit) through the real host and its SQLite file, signed in for real.</summary>
public sealed class AuditPageTests : IAsyncLifetime
{
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnEditorSeesWhoSignedInAndAFailedSignInsNameAsTextNotMarkup()
    {
        await StaffClient.AddAccountAsync(_host, "Edith", StaffRoles.Editor);
        using (var stranger = new StaffClient(_host))
        {
            (await stranger.SignInAsync("<script>alert(1)</script>", "not the password at all")).Dispose();
        }

        using var editor = new StaffClient(_host);
        await editor.SignInOrFailAsync("edith");

        var page = await editor.GetPageAsync("/staff/audit");

        Assert.Contains("<h1>Audit log</h1>", page);
        Assert.Contains("<td>Edith</td><td>signed-in</td>", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert(1)", page);
    }

    [Fact]
    public async Task AReviewerIsRefusedTheAuditLogAndNobodySignedInIsSentToSignIn()
    {
        await StaffClient.AddAccountAsync(_host, "Rhea", StaffRoles.Reviewer);
        using var reviewer = new StaffClient(_host);
        await reviewer.SignInOrFailAsync("rhea");
        using var anonymous = new StaffClient(_host);

        using var refused = await reviewer.Http.GetAsync("/staff/audit");
        using var redirected = await anonymous.Http.GetAsync("/staff/audit");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/staff/sign-in", redirected.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnUnreadableStartingPointIsAKind400()
    {
        await StaffClient.AddAccountAsync(_host, "Enid", StaffRoles.Editor);
        using var editor = new StaffClient(_host);
        await editor.SignInOrFailAsync("enid");

        using var response = await editor.Http.GetAsync("/staff/audit?before=yesterday-ish");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a date and time", await response.Content.ReadAsStringAsync());
    }
}

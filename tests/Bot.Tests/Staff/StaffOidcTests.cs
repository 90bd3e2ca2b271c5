using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Audit;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// Signing in with an organisation's account through a real OpenID Connect provider (the npm package
/// oidc-provider, tests/Bot.Tests/Oidc/provider.mjs) on loopback: the whole redirect flow, followed by hand.
/// </summary>
public sealed class StaffOidcTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _providerLines = new();
    private readonly int _providerPort = FreePort();
    private Process _provider = null!;
    private BotHost _host = null!;

    private string Authority => $"http://127.0.0.1:{_providerPort}";

    public async Task InitializeAsync()
    {
        _host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Staff:Oidc:Authority"] = Authority,
            ["Staff:Oidc:AllowHttpAuthority"] = "true",
            ["Staff:Oidc:ClientId"] = "marrowbot",
            ["Staff:Oidc:ClientSecret"] = "test-secret-for-loopback-only",
            ["Staff:Oidc:RoleClaim"] = "roles",
            ["Staff:Oidc:Roles:marrow-editors"] = "editor",
        });
        var callback = new Uri(_host.Client.BaseAddress!, "/staff/signin-oidc").ToString();
        var script = Path.Combine(RepoPaths.Root, "tests", "Bot.Tests", "Oidc", "provider.mjs");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        foreach (var arg in new[] { script, _providerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), callback })
        {
            info.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider = new Process { StartInfo = info };
        _provider.OutputDataReceived += (_, e) => Keep(e.Data, ready);
        _provider.ErrorDataReceived += (_, e) => Keep(e.Data, ready);
        _provider.Start();
        _provider.BeginOutputReadLine();
        _provider.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(started == ready.Task, "The OpenID Connect provider did not start:\n" + string.Join('\n', _providerLines));
    }

    public async Task DisposeAsync()
    {
        if (!_provider.HasExited)
        {
            _provider.Kill();
            await _provider.WaitForExitAsync();
        }

        _provider.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AnOrganisationAccountInAMappedGroupSignsInWithThatRoleAndIsAudited()
    {
        using var client = new StaffClient(_host);
        await UseAsync("erin.editor");

        var (status, _) = await FollowAsync(client, "/staff/sign-in/organisation?returnUrl=%2Fstaff%2Fapi%2Fme");
        var (meStatus, me) = await client.MeAsync();

        Assert.True(status == HttpStatusCode.OK, string.Join('\n', _providerLines));
        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal("oidc:erin.editor", (string?)me!["name"]);
        Assert.Equal("editor", (string?)me["role"]);
        Assert.Equal("oidc", (string?)me["method"]);
        var audit = await _host.Services.GetRequiredService<IStaffAuditLog>().ListAsync(50, null, CancellationToken.None);
        Assert.Contains(audit, e => e.Actor == "oidc:erin.editor" && e.Action == StaffAuditActions.SignedIn);
    }

    [Fact]
    public async Task AnOrganisationAccountWithNoMappedRoleGetsA403PageAndNoSession()
    {
        using var client = new StaffClient(_host);
        await UseAsync("otto.outsider");

        var (status, body) = await FollowAsync(client, "/staff/sign-in/organisation");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("no role in this console", body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync()).Status);
        var audit = await _host.Services.GetRequiredService<IStaffAuditLog>().ListAsync(50, null, CancellationToken.None);
        Assert.Contains(audit, e => e.Actor == "oidc:otto.outsider" && e.Action == StaffAuditActions.SignInFailed);
    }

    [Fact]
    public async Task TheSignInPageOffersTheOrganisationsProvider()
    {
        using var client = new StaffClient(_host);

        var page = await client.GetPageAsync("/staff/sign-in?returnUrl=%2Fstaff");

        Assert.Contains("href=\"/staff/sign-in/organisation?returnUrl=%2Fstaff\"", page);
    }

    /// <summary>Follows redirects by hand (between the bot and the provider, each keeping its own cookies) to the first other answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> FollowAsync(StaffClient client, string path)
    {
        var next = new Uri(client.Http.BaseAddress!, path);
        for (var hop = 0; hop < 20; hop++)
        {
            using var response = await client.Http.GetAsync(next);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect))
            {
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            next = new Uri(next, response.Headers.Location!);
        }

        throw new InvalidOperationException("More than 20 redirects.");
    }

    private async Task UseAsync(string user)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Authority}/test/user?name={Uri.EscapeDataString(user)}", null);
        response.EnsureSuccessStatusCode();
    }

    private void Keep(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        _providerLines.Enqueue(line);
        if (line == "ready")
        {
            ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>Read-only API keys (<c>Staff:ApiKeys</c>) through the real host.</summary>
public sealed class StaffApiKeyTests : IAsyncLifetime
{
    private const string ReportsKey = "reports-key-0123456789abcdef0123456789";
    private const string HashedKey = "dashboard-key-fedcba9876543210fedcba98";

    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Staff:ApiKeys:0:Label"] = "reports",
        ["Staff:ApiKeys:0:Key"] = ReportsKey,
        ["Staff:ApiKeys:1:Label"] = "dashboard",
        ["Staff:ApiKeys:1:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(HashedKey))).ToLowerInvariant(),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(ReportsKey, "api-key:reports")]
    [InlineData(HashedKey, "api-key:dashboard")]
    public async Task AKeyReadsAReadPolicyEndpointAsAnApiReader(string key, string name)
    {
        using var response = await SendAsync("/staff/api/me", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(name, (string?)me["name"]);
        Assert.Equal("api-reader", (string?)me["role"]);
        Assert.Equal("api-key", (string?)me["method"]);
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/api/audit")]
    [InlineData("/staff/dashboard")]
    public async Task AKeyIsRefusedWhatNeedsAReviewerOrAnEditor(string path)
    {
        using var response = await SendAsync(path, ReportsKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AKeyReadsTheDashboardsJson()
    {
        using var response = await SendAsync("/staff/api/dashboard?from=2026-11-01&to=2026-11-30", ReportsKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dashboard = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(30, dashboard["days"]!.Count());
        Assert.Equal("2026-11-01", (string?)dashboard["from"]);
        Assert.NotNull(dashboard["totals"]!["feedback"]);
    }

    [Fact]
    public async Task AnUnknownKeyIsRefusedWith401AndABearerChallenge()
    {
        using var response = await SendAsync("/staff/api/me", ReportsKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _host.Client.SendAsync(request);
    }
}

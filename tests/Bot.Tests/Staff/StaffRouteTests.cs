using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// Every route under /staff, found from the host's own endpoints (so routes added later are covered too), against
/// callers without a session and with the wrong role.
/// </summary>
public sealed class StaffRouteTests : IClassFixture<SharedHost>
{
    /// <summary>The only console routes anyone may reach: the stylesheet, the dashboard's script (no data in either) and signing in.</summary>
    private static readonly string[] Anonymous =
        ["GET /staff/assets/staff.css", "GET /staff/assets/dashboard.js", "GET /staff/sign-in", "POST /staff/sign-in", "GET /staff/sign-in/organisation"];

    private readonly BotHost _host;

    public StaffRouteTests(SharedHost shared) => _host = shared.Host;

    [Fact]
    public void OnlyTheStylesheetTheDashboardScriptAndSigningInAreOpenToAnyone()
    {
        var open = StaffRoutes().Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(r => r.Name).Order().ToArray();

        Assert.Equal(Anonymous.Order().ToArray(), open);
    }

    [Fact]
    public async Task EveryOtherStaffRouteRefusesARequestWithoutASessionWith401ForTheApiAndTheSignInPageOtherwise()
    {
        using var client = new StaffClient(_host);
        var checkedRoutes = 0;
        foreach (var route in StaffRoutes().Where(r => !Anonymous.Contains(r.Name)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            using var response = await client.Http.SendAsync(request);

            if (route.Path.StartsWith("/staff/api/", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Name} answered {(int)response.StatusCode}");
                Assert.Null(response.Headers.Location);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route.Name} answered {(int)response.StatusCode}");
                var location = response.Headers.Location!;
                Assert.Equal("/staff/sign-in?returnUrl=" + Uri.EscapeDataString(route.Path), location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            }

            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 4, $"Only {checkedRoutes} staff routes were found.");
    }

    [Fact]
    public async Task AReviewerIsRefusedEveryEditorRouteWith403()
    {
        await StaffClient.AddAccountAsync(_host, "route-reviewer", StaffRoles.Reviewer);
        using var client = new StaffClient(_host);
        await client.SignInOrFailAsync("route-reviewer");
        var editorRoutes = StaffRoutes().Where(r => r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == StaffRoles.EditPolicy)).ToList();

        Assert.NotEmpty(editorRoutes);
        foreach (var route in editorRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            using var response = await client.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Name} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AnEditorReadsTheAuditLogWithTheirSignInInIt()
    {
        await StaffClient.AddAccountAsync(_host, "route-editor", StaffRoles.Editor);
        using var client = new StaffClient(_host);
        await client.SignInOrFailAsync("route-editor");

        using var response = await client.Http.GetAsync("/staff/api/audit?limit=500");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = Newtonsoft.Json.Linq.JArray.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(entries, e => (string?)e["actor"] == "route-editor" && (string?)e["action"] == "signed-in");
    }

    private IEnumerable<(string Name, string Method, string Path, RouteEndpoint Endpoint)> StaffRoutes() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/staff", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                // A parameter gets a harmless value that fits every constraint the routes use ({id:long} too): the
                // request must be refused before anything reads it.
                var path = string.Join('/', e.RoutePattern.RawText!.TrimEnd('/').Split('/').Select(s => s.StartsWith('{') ? "1" : s));
                return ($"{method} {path}", method, path.Length == 0 ? "/" : path, e);
            }));
}

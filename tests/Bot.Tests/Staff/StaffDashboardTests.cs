using System.Net;
using MarrowBot.Staff.Audit;
using Moq;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The staff dashboard (ADR 0030) through the real host: its page, its JSON, its range checks and its assets.</summary>
public sealed class StaffDashboardTests(StaffConsoleHost console) : IClassFixture<StaffConsoleHost>
{
    /// <summary>A question the bot declines (off its subject), with markup in it.</summary>
    private const string Declined = "<b>what's the capital of France</b>";

    [Fact]
    public async Task AReviewerSeesChartsWithTheirTablesAndTheDeclinedQuestionAsText()
    {
        await console.ConversationAsync(Declined);
        using var client = console.Client();

        using var response = await client.GetAsync("/staff/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Dashboard</h1>", html);
        foreach (var chart in new[] { "conversations", "replies", "tiers", "feedback" })
        {
            Assert.Contains($"<canvas id=\"chart-{chart}\" role=\"img\"", html);
            Assert.Contains($"<h2 id=\"h-{chart}\">", html);
        }

        Assert.Equal(4, html.Split("<table>").Length - 1);
        Assert.Contains("<script src=\"/lib/chart.umd.min.js\" defer></script>", html);
        Assert.Contains("<script src=\"/staff/assets/dashboard.js\" defer></script>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<span class=\"message\">&lt;b&gt;what&#39;s the capital of france&lt;/b&gt;</span>", html);
        Assert.DoesNotContain("<b>what", html);
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Action == StaffAuditActions.Viewed && e.Target == "dashboard"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ASignedInReviewerFindsTheDashboardFromEveryConsolePage()
    {
        var name = "dash." + StaffConsoleHost.Word();
        await StaffClient.AddAccountAsync(console.Host, name, "reviewer");
        using var staff = new StaffClient(console.Host);
        await staff.SignInOrFailAsync(name);

        var inbox = await staff.GetPageAsync("/staff");
        var dashboard = await staff.GetPageAsync("/staff/dashboard");

        Assert.Contains("<a href=\"/staff/dashboard\">Dashboard</a>", inbox);
        Assert.Contains("<a href=\"/staff\">Inbox</a>", dashboard);
        Assert.Contains("<h1>Dashboard</h1>", dashboard);
    }

    [Fact]
    public async Task TheJsonGivesThirtyDaysEndingTodayWithTheDeclinedQuestion()
    {
        await console.ConversationAsync(Declined);
        using var client = console.Client("nurse.d");

        var json = JObject.Parse(await client.GetStringAsync("/staff/api/dashboard"));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("UTC", (string)json["timeZone"]!);
        Assert.Equal(today, (string)json["to"]!);
        Assert.Equal(30, json["days"]!.Count());
        Assert.Equal(today, (string)json["days"]!.Last()["day"]!);
        Assert.True((int)json["totals"]!["declines"]! >= 1);
        Assert.True((int)json["days"]!.Last()["conversations"]! >= 1);
        Assert.Contains(json["unanswered"]!, q => (string)q["text"]! == "<b>what's the capital of france</b>" && (int)q["count"]! >= 1);
        Assert.NotNull(json["days"]![0]!["tiers"]!["emergency"]);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from must be a date as yyyy-mm-dd.")]
    [InlineData("to=yesterday", "to must be a date as yyyy-mm-dd.")]
    [InlineData("from=2026-12-05&to=2026-12-01", "from must not be after to.")]
    [InlineData("from=2025-01-01&to=2026-01-02", "The range may be at most 366 days.")]
    [InlineData("from=2026-01-01&from=2026-02-01", "from may be given once.")]
    public async Task BadDatesAre400WithWhatIsWrong(string query, string message)
    {
        using var client = console.Client();

        using var api = await client.GetAsync($"/staff/api/dashboard?{query}");
        using var page = await client.GetAsync($"/staff/dashboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(message, (string)JObject.Parse(await api.Content.ReadAsStringAsync())["error"]!);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AYearIsAllowed()
    {
        using var client = console.Client();

        var json = JObject.Parse(await client.GetStringAsync("/staff/api/dashboard?from=2024-01-01&to=2024-12-31"));

        Assert.Equal(366, json["days"]!.Count());
    }

    [Fact]
    public async Task WithoutASessionTheJsonIs401AndThePageSendsToSignIn()
    {
        using var client = console.Client(name: null);

        using var api = await client.GetAsync("/staff/api/dashboard");
        using var page = await client.GetAsync("/staff/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.Equal("/staff/sign-in?returnUrl=%2Fstaff%2Fdashboard", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Fact]
    public async Task ChartJsAndTheDashboardScriptAreServedByTheBot()
    {
        using var client = console.Client(name: null);

        using var chart = await client.GetAsync("/lib/chart.umd.min.js");
        using var script = await client.GetAsync("/staff/assets/dashboard.js");

        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Contains("javascript", chart.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Chart.js v4.", await chart.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>
/// The staff dashboard (ADR 0030) in Debian's Chromium: a reviewer signs in through the real form, and the four
/// charts are drawn by Chart.js loaded from the bot itself, under the console's Content-Security-Policy, with no
/// request to any other host; on a desktop and on a phone-sized screen, with no serious or critical axe finding.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class StaffDashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Charts = ["chart-conversations", "chart-replies", "chart-tiers", "chart-feedback"];

    [Theory]
    [InlineData(1280, 900, "dashboard.png")]
    [InlineData(390, 844, "dashboard-phone.png")]
    public async Task ASignedInReviewerSeesTheChartsDrawnFromTheBotsOwnChartJs(int width, int height, string screenshot)
    {
        await browser.Host.SendAsync(Activities.Message("what's the capital of France", "dash-" + Guid.NewGuid().ToString("N")));
        await browser.Host.SendAsync(Activities.Message("what causes marrow failure", "dash-" + Guid.NewGuid().ToString("N")));
        await browser.Host.FlushTranscriptsAsync();
        var name = "dash." + StaffConsoleHost.Word();
        await StaffClient.AddAccountAsync(browser.Host, name, "reviewer");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        var problems = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            // A failed load is reported by the responses below; Chromium's own favicon request has no response event.
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(new Uri(browser.Host.Client.BaseAddress!, "/staff/dashboard").ToString());
        await page.Locator("input[name=name]").FillAsync(name);
        await page.Locator("input[name=password]").FillAsync(StaffClient.Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.Locator("#dashboard[data-charts=drawn]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        foreach (var chart in Charts)
        {
            // Drawn: Chart.js set its size, and some pixel of the canvas is not transparent.
            var painted = await page.EvaluateAsync<bool>(
                "id => { const c = document.getElementById(id); if (!c || c.width === 0 || c.height === 0) return false; " +
                "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; }",
                chart);
            Assert.True(painted, $"{chart} was not drawn");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Chart === 'function' && window.Chart.version.startsWith('4.')"));
        var origin = browser.Host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Contains(requests, r => r == origin + "/lib/chart.umd.min.js");
        Assert.Contains(requests, r => r.StartsWith(origin + "/staff/api/dashboard?from=", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.StartsWith(origin + "/", r));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, screenshot), FullPage = true });

        AxeResult result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await context.CloseAsync();
    }
}

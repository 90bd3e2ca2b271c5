using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>
/// The chat page in Debian's Chromium under the Content-Security-Policy the host sends: the welcome, a question
/// and its cited answer over the WebSocket, with no securitypolicyviolation event and no CSP error in the console.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Registered before any page script runs; Playwright's init scripts are not subject to the page's CSP.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + (e.sample || ''));
        }, true);
        """;

    [Fact]
    public async Task ACitedAnswerRendersUnderTheContentSecurityPolicyWithNoViolation()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        var consoleProblems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                consoleProblems.Add(message.Text);
            }
        };
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        var response = await page.GotoAsync(browser.Host.Client.BaseAddress!.ToString());
        await page.Locator(ChatPage.SendBox).WaitForAsync();
        await ChatPage.BotMessagesAsync(page, 1);
        await ChatPage.SendAsync(page, "what causes marrow failure?");
        var messages = await ChatPage.BotMessagesAsync(page, 2);
        var citation = page.Locator(ChatPage.BotBubble).Last.Locator("button, a").Filter(new LocatorFilterOptions { HasText = "1" }).First;
        await citation.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "cited-answer-under-csp.png"), FullPage = true });

        // The policy was really in force, the answer really came over the WebSocket, and nothing was blocked.
        var policy = (await response!.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("immune", messages[^1], StringComparison.Ordinal);
        Assert.Contains(sockets, url => url.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && url.Contains("/stream", StringComparison.Ordinal));
        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");
        Assert.True(violations.Length == 0, "CSP violations: " + string.Join(" | ", violations));

        // A style element the policy blocked has no sheet: every one Web Chat inserted applied.
        Assert.True(await page.EvaluateAsync<int>("document.querySelectorAll('style').length") > 0);
        Assert.Equal(0, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('style')).filter(s => !s.sheet).length"));
        Assert.True(consoleProblems.Count == 0, "console errors: " + string.Join(" | ", consoleProblems));
        await context.CloseAsync();
    }
}

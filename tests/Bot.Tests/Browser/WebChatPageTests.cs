using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>The visitor's page in a real browser with the official Web Chat widget, against the real host.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class WebChatPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheWelcomeAppearsWithTheEmergencyNumberAboveTheChat()
    {
        var page = await browser.OpenChatAsync();

        var messages = await ChatPage.BotMessagesAsync(page, 1);

        Assert.Contains("MarrowBot", messages[0]);
        Assert.Contains("In an emergency call 999", await page.Locator(".emergency").InnerTextAsync());
    }

    [Fact]
    public async Task AskingAQuestionShowsTheCitedAnswer()
    {
        var page = await browser.OpenChatAsync();
        await ChatPage.BotMessagesAsync(page, 1);

        await ChatPage.SendAsync(page, "what causes marrow failure?");
        var messages = await ChatPage.BotMessagesAsync(page, 2);

        Assert.Contains("immune", messages[^1]);
        var citation = page.Locator(ChatPage.BotBubble).Last.Locator("button, a").Filter(new LocatorFilterOptions { HasText = "1" }).First;
        await citation.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "cited-answer.png"), FullPage = true });
    }

    [Fact]
    public async Task AnEmergencyShowsTheEmergencyGuidanceFirst()
    {
        var page = await browser.OpenChatAsync();
        var before = (await ChatPage.BotMessagesAsync(page, 1)).Count;

        await ChatPage.SendAsync(page, "my husband has collapsed and won't wake up");
        var messages = await ChatPage.BotMessagesAsync(page, before + 1);

        Assert.StartsWith("Call 999 now", messages[before].Trim());
    }

    [Fact]
    public async Task ClickingASuggestedActionAsksIt()
    {
        var page = await browser.OpenChatAsync();
        var before = (await ChatPage.BotMessagesAsync(page, 1)).Count;

        await page.Locator(ChatPage.SuggestedAction).Filter(new LocatorFilterOptions { HasText = "What causes marrow failure?" }).ClickAsync();
        var messages = await ChatPage.BotMessagesAsync(page, before + 1);

        Assert.Contains("What causes marrow failure?", await page.Locator(ChatPage.UserBubble).AllInnerTextsAsync());
        Assert.Contains("immune", messages[before]);
    }

    [Fact]
    public async Task AReloadKeepsTheConversationHistory()
    {
        var page = await browser.OpenChatAsync();
        await ChatPage.BotMessagesAsync(page, 1);
        await ChatPage.SendAsync(page, "is marrow failure inherited?");
        var before = await ChatPage.BotMessagesAsync(page, 2);

        await page.ReloadAsync();
        await page.Locator(ChatPage.SendBox).WaitForAsync();
        var after = await ChatPage.BotMessagesAsync(page, before.Count);

        Assert.Contains("is marrow failure inherited?", await page.Locator(ChatPage.UserBubble).AllInnerTextsAsync());
        Assert.Equal(before[^1], after[before.Count - 1]);
    }

    [Fact]
    public async Task ThePageWorksOnAPhoneSizedScreen()
    {
        var page = await browser.OpenChatAsync(width: 390, height: 844);
        await ChatPage.BotMessagesAsync(page, 1);

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "phone.png") });

        Assert.True(width <= 390, $"the page scrolls sideways ({width}px)");
        Assert.True(await page.Locator(ChatPage.SendBox).IsVisibleAsync());
    }

    [Fact]
    public async Task ThePageHasNoSeriousOrCriticalAccessibilityViolations()
    {
        var page = await browser.OpenChatAsync();
        await ChatPage.SendAsync(page, "what causes marrow failure?");
        await ChatPage.BotMessagesAsync(page, 2);

        AxeResult result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}

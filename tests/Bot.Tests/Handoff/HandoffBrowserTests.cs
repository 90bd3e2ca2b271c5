using System.Net;
using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Bot.Tests.Browser;
using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>
/// The staff reply in the visitor's real Web Chat: Debian's Chromium driven by Playwright shows the bot's page, the
/// visitor asks for a person, and a reply posted to the console's API appears in their chat.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoffBrowserTests(HandoffHost fixture) : IClassFixture<HandoffHost>, IAsyncLifetime
{
    private Chromium? _chromium;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStaffReplyAppearsInTheVisitorsWebChat()
    {
        fixture.Clock.Set(HandoffHost.InHours);
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await page.Locator(ChatPage.SendBox).WaitForAsync();
        await ChatPage.BotMessagesAsync(page, 1);

        await ChatPage.SendAsync(page, "I want to talk to a human");
        var queued = await ChatPage.BotMessagesAsync(page, 2);
        Assert.Contains("in their queue", queued[^1]);

        var request = (await fixture.ListAsync()).Single(h => (string?)h["channelId"] == DirectLineBridge.ChannelId);
        using (var sent = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{(long)request["id"]!}/reply", json: new { text = "Hello, this is Sam from the support team." }))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var messages = await ChatPage.BotMessagesAsync(page, 3);
        Assert.Equal("Hello, this is Sam from the support team.", messages[^1].Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "handoff-staff-reply.png") });
        await context.CloseAsync();
    }
}

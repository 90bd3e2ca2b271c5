using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>What a visitor sees and touches on the chat page, by the Web Chat widget's own markup.</summary>
public static class ChatPage
{
    public const string SendBox = "#webchat [data-id='webchat-sendbox-input']";
    public const string BotBubble = "#webchat .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    public const string UserBubble = "#webchat .webchat__bubble--from-user .webchat__bubble__content";
    public const string SuggestedAction = "#webchat .webchat__suggested-action";

    public static async Task SendAsync(IPage page, string text)
    {
        await page.Locator(SendBox).FillAsync(text);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    /// <summary>Waits until at least <paramref name="count"/> bot messages are shown and returns their texts.</summary>
    public static async Task<IReadOnlyList<string>> BotMessagesAsync(IPage page, int count)
    {
        // A locator wait, not WaitForFunction: that evaluates a string in the page, which the page's CSP forbids.
        await page.Locator(BotBubble).Nth(count - 1).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        return await page.Locator(BotBubble).AllInnerTextsAsync();
    }
}

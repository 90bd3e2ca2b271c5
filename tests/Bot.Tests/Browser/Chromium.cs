using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>Debian's Chromium under Playwright, launched as every browser test launches it (<see cref="BrowserFixture.LaunchOptions"/>).</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new Chromium(playwright, await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

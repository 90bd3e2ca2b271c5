using System.Diagnostics;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Playwright;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>
/// The real bot host on loopback and Debian's Chromium driven by Playwright (no browser download). When Chromium
/// is missing and the tests run as root, the Debian package is installed first.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BotHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>How every browser test starts Debian's Chromium: headless, no sandbox (CI runs as root), nothing fetched in the background.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        EnsureChromium();
        Host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Safety:EmergencyNumber"] = "999",
            ["Safety:CareTeamLineName"] = "the haematology hotline",
            ["Safety:CareTeamLineNumber"] = "0100 000 0000",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(LaunchOptions);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own session storage) showing the chat page.</summary>
    public async Task<IPage> OpenChatAsync(int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host.Client.BaseAddress!.ToString());
        await page.Locator(ChatPage.SendBox).WaitForAsync();
        return page;
    }

    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath) || Environment.UserName != "root")
        {
            return;
        }

        using var install = Process.Start(new ProcessStartInfo("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        install.StandardOutput.ReadToEnd();
        install.WaitForExit();
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarrowBot.Bot.Tests.Browser;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using MarrowBot.Staff.Conversations;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>
/// Improving the bot from a real question in Debian's Chromium (ADR 0029): an editor opens a transcript, adds the
/// person's message as a phrasing of an FAQ intent, retrains from /staff/improve, sees the before and after figures,
/// and the bot then answers that phrasing with the intent.
/// </summary>
/// <remarks>
/// The question is made up, so the bot cannot answer it before the retrain. Measured on words only, adding it costs
/// three of the 241 out-of-scope dev questions (any one phrasing moves one to three, ADR 0029), so this host allows
/// Knowledge:GateAnswerSlack 3; the strict default would keep it out.
/// </remarks>
[Collection(BrowserCollection.Name)]
public sealed class ImprovementBrowserTests(ImprovementBrowserTests.SlackHost console) : IClassFixture<ImprovementBrowserTests.SlackHost>, IAsyncLifetime
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
    public async Task AnEditorAddsAPhrasingFromATranscriptRetrainsSeesTheFiguresAndTheBotThenAnswersIt()
    {
        const string Question = "quibblefrotz snorklewhump please";
        var knowledge = console.Host.Services.GetRequiredService<KnowledgeBase>();
        var intent = knowledge.Faqs[0].Id;
        var conversation = await console.ConversationAsync(Question);
        Assert.NotEqual(intent, await IntentOfReplyAsync(Question));

        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1024, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestStaffAuthentication.Header] = "ed.browser|editor" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(console.Host.Client.BaseAddress!, $"/staff/conversations/{new ConversationKey("emulator", conversation).ToSegment()}").ToString());

        var form = page.Locator("details.improve").First;
        await form.Locator("summary").ClickAsync();
        Assert.Equal(Question, await form.Locator("textarea").InputValueAsync());
        await form.Locator("select[name=intent]").SelectOptionAsync(intent);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add as phrasing of this intent" }).ClickAsync();
        await page.GetByText("Added to the overlay.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Retrain and compare" }).ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = Question }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retrain and compare" }).ClickAsync();
        await page.GetByText("Retrain requested.").WaitForAsync();
        var figures = page.Locator("table.figures").First;
        for (var i = 0; i < 120 && await figures.CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "improve-before-after.png"), FullPage = true });
        var table = await figures.InnerTextAsync();
        Assert.Contains("Answered right or offered", table, StringComparison.Ordinal);
        Assert.Contains("Emergency recall", table, StringComparison.Ordinal);
        var heading = await page.Locator("section.run h3").First.InnerTextAsync();
        Assert.True(heading.Contains("Accepted", StringComparison.Ordinal), $"{heading}: {await page.Locator("section.run .reason").First.InnerTextAsync()}");
        Assert.Equal("Live", await page.Locator("#overlay tr", new() { HasText = Question }).Locator("td").Last.InnerTextAsync());

        AxeResult axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await context.CloseAsync();

        Assert.Equal(intent, await IntentOfReplyAsync(Question));
    }

    /// <summary>The real host with the staff console's test sign-in and an answering slack of three questions.</summary>
    public sealed class SlackHost : IAsyncLifetime
    {
        public BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Host = await BotHost.StartAsync(TestStaffAuthentication.AddTo, new Dictionary<string, string?> { ["Knowledge:GateAnswerSlack"] = "3" });

        public async Task DisposeAsync() => await Host.DisposeAsync();

        public async Task<string> ConversationAsync(string text)
        {
            var conversation = "improve-" + Guid.NewGuid().ToString("N");
            await Host.SendAsync(Activities.Message(text, conversation));
            await Host.FlushTranscriptsAsync();
            return conversation;
        }
    }

    private async Task<string?> IntentOfReplyAsync(string text)
    {
        var replies = await console.Host.SendAsync(Activities.Message(text, "improve-" + Guid.NewGuid().ToString("N")));
        var outcomes = replies.SelectMany(r => r["entities"] as JArray ?? []).Where(e => (string?)e["type"] == "marrowbot.outcome");
        return outcomes.Select(o => (string?)o["intent"]).LastOrDefault();
    }
}

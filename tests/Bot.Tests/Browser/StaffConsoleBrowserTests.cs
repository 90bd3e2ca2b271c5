using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Staff;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace MarrowBot.Bot.Tests.Browser;

/// <summary>
/// The staff console in Debian's Chromium driven by Playwright (issue 11's browser tests), against the real host and
/// its SQLite file: local accounts made through the real account store, conversations the bot really answered, and
/// every step through the console's own forms (the real sign-in form, no test scheme). Each test writes
/// conversations with a word of its own and opens its own browser context.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StaffConsoleBrowserTests(StaffConsoleBrowserTests.Console console, ITestOutputHelper output) : IClassFixture<StaffConsoleBrowserTests.Console>
{
    private const string Reviewer = "rita.reviewer";
    private const string Editor = "eddie.editor";

    [Fact]
    public async Task A_reviewer_signs_in_finds_the_emergency_first_filters_the_inbox_acknowledges_labels_marks_reviewed_and_signs_out()
    {
        var word = StaffConsoleHost.Word();
        await console.ConversationAsync("hello there");
        var declined = await console.ConversationAsync($"how much does a transplant cost {word}");
        var ordinary = await console.ConversationAsync($"what causes marrow failure {word}");
        var emergency = await console.ConversationAsync($"I have crushing chest pain and can't breathe {word}");
        var page = await console.SignedInPageAsync(Reviewer);

        // The inbox: the unacknowledged emergency first, highlighted and flagged.
        var first = page.Locator("table tbody tr").First;
        Assert.Contains(emergency, await first.InnerTextAsync());
        Assert.Contains("attention", await first.GetAttributeAsync("class") ?? string.Empty);
        Assert.Contains("Emergency", await first.Locator("td").Nth(3).InnerTextAsync());
        Assert.Contains("Needs acknowledging", await first.InnerTextAsync());
        var everything = await Count(page, "Conversations");

        // The search narrows the counts; the tier and declined filters narrow the list.
        await page.GetByLabel("Search the person's messages").FillAsync(word);
        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply" }));
        Assert.Equal(3, await Count(page, "Conversations"));
        Assert.True(everything > 3, $"the unfiltered inbox counted {everything}");
        Assert.Equal(1, await Count(page, "Emergency"));
        Assert.Equal(1, await Count(page, "Declined"));
        Assert.Equal([emergency, ordinary, declined], await ListedAsync(page));

        await page.GetByLabel("Declined", new() { Exact = true }).CheckAsync();
        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply" }));
        Assert.Equal([declined], await ListedAsync(page));

        await page.GetByLabel("Declined", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Triage tier at least").SelectOptionAsync("emergency");
        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply" }));
        Assert.Equal([emergency], await ListedAsync(page));

        // The transcript, from the inbox: the annotations of Part A of the issue, then the three forms.
        await NavigateByAsync(page, page.GetByRole(AriaRole.Link, new() { Name = emergency }));
        await page.WaitForURLAsync(new Regex("/staff/conversations/"));
        Assert.Contains("Emergency escalation, not yet acknowledged.", await page.Locator("main").InnerTextAsync());
        var safety = page.Locator("ol.turns > li.bot").First;
        Assert.Equal(ReplyPath.Triage, await Annotation(safety, "Answer chosen by"));
        Assert.Contains("triage-rule chest-pain [chest-pain, emergency]", await Annotation(safety, "Evidence"));

        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge the escalation" }));
        Assert.Matches(WhoAndWhen(Reviewer, " \\(at Emergency\\)"), await Annotation(page.Locator("main > dl.annotations"), "Acknowledged"));
        Assert.DoesNotContain("not yet acknowledged", await page.Locator("main").InnerTextAsync());

        safety = page.Locator("ol.turns > li.bot").First;
        await safety.GetByLabel("Label this reply").SelectOptionAsync(TurnLabels.GoodAnswer);
        await safety.GetByLabel("Note (optional)").FillAsync("Called 999 straight away, as it should.");
        await NavigateByAsync(page, safety.GetByRole(AriaRole.Button, new() { Name = "Add label" }));
        var labels = await page.Locator("ol.turns > li.bot").First.InnerTextAsync();
        Assert.Matches(new Regex($"Good answer by {Reviewer}, \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: Called 999 straight away, as it should\\."), labels);

        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }));
        Assert.Matches(WhoAndWhen(Reviewer, string.Empty), await Annotation(page.Locator("main > dl.annotations"), "Reviewed"));

        // Signing out ends the session: the console sends to the sign-in page again.
        await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await page.WaitForURLAsync(new Regex("/staff/sign-in"));
        await page.GotoAsync(console.Url("/staff"));
        Assert.StartsWith("/staff/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByLabel("Password").CountAsync());

        // What the reviewer did is in the audit log, which an editor reads.
        var audit = await console.AuditAsync();
        foreach (var action in new[] { StaffAuditActions.SignedIn, StaffAuditActions.Acknowledged, StaffAuditActions.Labelled, StaffAuditActions.Reviewed, StaffAuditActions.SignedOut })
        {
            Assert.Contains(audit, e => (string?)e["actor"] == Reviewer && (string?)e["action"] == action);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_patients_message_with_markup_is_shown_as_text_and_runs_no_script()
    {
        var word = StaffConsoleHost.Word();
        const string markup = "<script>window.marrowbotInjected = true;</script><img src=x onerror=\"window.marrowbotInjected = true\"><b>bold</b>";
        var conversation = await console.ConversationAsync($"{markup} what causes marrow failure {word}");
        var page = await console.SignedInPageAsync(Reviewer);

        await page.GotoAsync(console.Url($"/staff/conversations/{Key(conversation)}"));

        var message = page.Locator("ol.turns > li.user .message").First;
        Assert.Contains(markup, await message.InnerTextAsync());
        Assert.Equal(0, await message.Locator("script, img, b").CountAsync());
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.marrowbotInjected === true"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "staff-transcript-markup.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_staff_page_has_no_serious_or_critical_accessibility_violation()
    {
        var word = StaffConsoleHost.Word();
        var escalated = await console.ConversationAsync($"I have crushing chest pain and can't breathe {word}", "what causes marrow failure?");
        var handoff = await console.ConversationAsync($"I want to talk to a human {word}");
        var context = await console.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync(console.Url("/staff/sign-in"));
        found.AddRange(await SeriousAsync(page, "sign-in"));
        await page.GetByLabel("Name").FillAsync("nobody");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[role=alert]").WaitForAsync();
        found.AddRange(await SeriousAsync(page, "sign-in, refused"));
        await context.CloseAsync();

        page = await console.SignedInPageAsync(Editor);
        found.AddRange(await SeriousAsync(page, "inbox"));
        await page.GotoAsync(console.Url($"/staff?q={word}&tier=urgent&declined=true"));
        found.AddRange(await SeriousAsync(page, "inbox, filtered to nothing"));
        await page.GotoAsync(console.Url($"/staff/conversations/{Key(escalated)}"));
        found.AddRange(await SeriousAsync(page, "transcript"));
        await page.GotoAsync(console.Url("/staff/handoffs"));
        Assert.Contains(handoff, await page.Locator("main").InnerTextAsync());
        found.AddRange(await SeriousAsync(page, "hand-offs"));
        await page.GotoAsync(console.Url("/staff/audit"));
        Assert.Contains("signed-in", await page.Locator("main table").InnerTextAsync());
        found.AddRange(await SeriousAsync(page, "audit log"));
        await page.GotoAsync(console.Url("/staff/conversations/not-a-key"));
        found.AddRange(await SeriousAsync(page, "not found"));

        Assert.True(found.Count == 0, string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    /// <summary>The page's serious and critical axe violations; the lesser ones are written to the test output.</summary>
    private async Task<List<string>> SeriousAsync(IPage page, string name)
    {
        AxeResult result = await page.RunAxe();
        output.WriteLine($"{name}: {result.Passes.Length} rules passed, violations: {string.Join(", ", result.Violations.Select(v => $"{v.Id} ({v.Impact})").DefaultIfEmpty("none"))}");
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }

    /// <summary>Clicks what submits a form or follows a link, and returns once the page it leads to has loaded, so that nothing reads the old page.</summary>
    /// <remarks>
    /// Playwright marks RunAndWaitForNavigationAsync obsolete in favour of WaitForURLAsync, which cannot tell a form
    /// that posts and redirects back to the same address (acknowledge, label, mark reviewed) from the page before it.
    /// </remarks>
#pragma warning disable CS0612
    private static Task NavigateByAsync(IPage page, ILocator target) => page.RunAndWaitForNavigationAsync(() => target.ClickAsync());
#pragma warning restore CS0612

    private static async Task<int> Count(IPage page, string name)
    {
        var item = page.Locator("ul.counts li").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}:") });
        return int.Parse(await item.Locator("strong").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The conversation ids the inbox lists, in order.</summary>
    private static async Task<List<string>> ListedAsync(IPage page) =>
        [.. (await page.Locator("table tbody tr td:nth-child(2) a").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>The value of a term in a list of annotations.</summary>
    private static async Task<string> Annotation(ILocator list, string term) =>
        (await list.Locator($"dt:text-is(\"{term}\") + dd").First.InnerTextAsync()).Trim();

    private static Regex WhoAndWhen(string who, string after) =>
        new($"^{Regex.Escape(who)}, \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC{after}$");

    private static string Key(string conversation) => new ConversationKey("emulator", conversation).ToSegment();

    /// <summary>The host (its own SQLite file), a reviewer and an editor in its account store, and Debian's Chromium.</summary>
    public sealed class Console : IAsyncLifetime
    {
        private Chromium? _chromium;

        public BotHost Host { get; private set; } = null!;

        public IBrowser Browser => _chromium!.Browser;

        public async Task InitializeAsync()
        {
            Host = await BotHost.StartAsync();
            await StaffClient.AddAccountAsync(Host, Reviewer, StaffRoles.Reviewer);
            await StaffClient.AddAccountAsync(Host, Editor, StaffRoles.Editor);
            _chromium = await Chromium.LaunchAsync();
        }

        public async Task DisposeAsync()
        {
            if (_chromium is not null)
            {
                await _chromium.DisposeAsync();
            }

            await Host.DisposeAsync();
        }

        public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

        /// <summary>Sends each text as the person in a new conversation through /api/messages and waits until it is stored.</summary>
        public async Task<string> ConversationAsync(params string[] texts)
        {
            var conversation = "browser-" + Guid.NewGuid().ToString("N")[..12];
            foreach (var text in texts)
            {
                await Host.SendAsync(Activities.Message(text, conversation));
            }

            await Host.FlushTranscriptsAsync();
            return conversation;
        }

        /// <summary>A new browser context signed in as <paramref name="name"/> through the sign-in form; the page is on the inbox.</summary>
        public async Task<IPage> SignedInPageAsync(string name)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout(60_000); // two cores shared with other builds: a slow page is not a failure
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/staff"));
            await page.WaitForURLAsync(new Regex("/staff/sign-in"));
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByLabel("Password").FillAsync(StaffClient.Password);
            await NavigateByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
            Assert.True(new Uri(page.Url).AbsolutePath == "/staff", $"after signing in: {page.Url}\n{await page.Locator("body").InnerTextAsync()}");
            Assert.Contains($"{name} (", await page.Locator("header").InnerTextAsync());
            return page;
        }

        /// <summary>The audit log as an editor signed in through the form reads it from the API.</summary>
        public async Task<JArray> AuditAsync()
        {
            var page = await SignedInPageAsync(Editor);
            var response = await page.Context.APIRequest.GetAsync(Url("/staff/api/audit?limit=500"));
            Assert.Equal(200, response.Status);
            var entries = JArray.Parse(await response.TextAsync());
            await page.Context.CloseAsync();
            return entries;
        }
    }
}

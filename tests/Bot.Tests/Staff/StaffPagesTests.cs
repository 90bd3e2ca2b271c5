using System.Net;
using System.Text.RegularExpressions;
using MarrowBot.Staff.Conversations;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The console's server-rendered pages through the real host: encoded values, highlighted escalations, and the forms with their tokens.</summary>
public sealed partial class StaffPagesTests(StaffConsoleHost console) : IClassFixture<StaffConsoleHost>
{
    [Fact]
    public async Task ScriptAndHtmlInAStoredMessageShowAsTextNeverAsMarkup()
    {
        var conversation = await console.ConversationAsync("<script>alert('x')</script><b>bold</b> & <img src=x onerror=alert(1)>");
        using var client = console.Client();

        var page = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");
        var inbox = await client.GetStringAsync("/staff?channel=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;", page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", inbox);
        Assert.DoesNotContain("<script", inbox, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheInboxHighlightsAnUnacknowledgedEscalationUntilTheFormAcknowledgesItAndThenSaysWhoDid()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"my gums won't stop bleeding {word}");
        using var client = console.Client("nurse.e");
        var before = await client.GetStringAsync($"/staff?q={word}");
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");

        using var acknowledged = await client.PostAsync($"/staff/conversations/{Key(conversation)}/acknowledge", Form(token));
        var after = await client.GetStringAsync($"/staff?q={word}");

        Assert.Contains("<tr class=\"attention\">", before);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal($"/staff/conversations/{Key(conversation)}", acknowledged.Headers.Location!.OriginalString);
        Assert.DoesNotContain("<tr class=\"attention\">", after);
        Assert.Contains("nurse.e, <time", after);
    }

    [Fact]
    public async Task TheLabelFormAddsALabelAndRefusesOneNotInTheListWithA400Page()
    {
        var conversation = await console.ConversationAsync("is it genetic");
        using var client = console.Client("nurse.f");
        var page = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");
        var action = WebUtility.HtmlDecode(LabelForm().Match(page).Groups[1].Value);
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");

        using var added = await client.PostAsync(action, Form(token, ("label", TurnLabels.OverCautious), ("note", "<i>too careful</i>")));
        using var refused = await client.PostAsync(action, Form(token, ("label", "meh")));
        var labelled = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Unknown label", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Over-cautious by nurse.f", labelled);
        Assert.Contains("&lt;i&gt;too careful&lt;/i&gt;", labelled);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenChangesNothing()
    {
        var conversation = await console.ConversationAsync("my gums won't stop bleeding");
        using var client = console.Client("nurse.g");
        await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");

        using var forged = await client.PostAsync($"/staff/conversations/{Key(conversation)}/reviewed", Form(null));
        var page = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<dt>Reviewed</dt><dd>No</dd>", page);
    }

    [Fact]
    public async Task ThePagesPolicyAllowsFormsToThisSiteAndOnlyItsOwnScripts()
    {
        using var client = console.Client();

        using var response = await client.GetAsync("/staff");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("form-action 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.True(response.Headers.CacheControl!.NoStore, "A staff page may be kept by a browser or proxy cache.");
    }

    [Fact]
    public async Task EveryInputOnThePagesHasALabel()
    {
        var conversation = await console.ConversationAsync("what causes marrow failure?");
        using var client = console.Client();

        foreach (var path in new[] { "/staff", $"/staff/conversations/{Key(conversation)}" })
        {
            var page = await client.GetStringAsync(path);
            foreach (Match field in Field().Matches(page))
            {
                Assert.Contains($"<label for=\"{field.Groups[1].Value}\">", page);
            }

            Assert.Contains("<h1>", page);
        }
    }

    [Fact]
    public async Task AnUnknownConversationsPageIs404()
    {
        using var client = console.Client();

        using var response = await client.GetAsync($"/staff/conversations/{new ConversationKey("emulator", "nobody").ToSegment()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Key(string conversation) => new ConversationKey("emulator", conversation).ToSegment();

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new((token is null ? [] : new[] { new KeyValuePair<string, string>("__RequestVerificationToken", token) })
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+/labels)\"")]
    private static partial Regex LabelForm();

    [GeneratedRegex("<(?:input|select|textarea) id=\"([^\"]+)\"")]
    private static partial Regex Field();
}

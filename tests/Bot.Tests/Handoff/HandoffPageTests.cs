using System.Net;
using System.Text.RegularExpressions;
using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>The console's hand-off page through the real host: encoded values, antiforgery-protected forms, no script.</summary>
public sealed partial class HandoffPageTests(HandoffHost fixture) : IClassFixture<HandoffHost>
{
    [Fact]
    public async Task ThePageEncodesEveryValueAndCarriesNoScriptOrInlineStyle()
    {
        var conversation = "a:1<b>" + Guid.NewGuid().ToString("N") + "</b>&amp";
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", conversation));

        using var response = await fixture.StaffAsync(HttpMethod.Get, "/staff/handoffs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains(conversation.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("&amp", "&amp;amp", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("form-action 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageFormWithItsAntiforgeryTokenSendsTheReply()
    {
        var conversation = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("can i talk to someone from the hospital", conversation));
        var id = (long)(await fixture.FindAsync(conversation))!["id"]!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = fixture.Host.Client.BaseAddress };
        browser.DefaultRequestHeaders.Add(TestStaffAuthentication.Header, HandoffHost.Reviewer);

        var html = await browser.GetStringAsync("/staff/handoffs");
        var token = TokenField().Match(html);
        Assert.True(token.Success, "the page has no antiforgery token field");
        Assert.Contains($"action=\"/staff/handoffs/{id}/reply\"", html, StringComparison.Ordinal);

        using var posted = await browser.PostAsync($"/staff/handoffs/{id}/reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["text"] = "Hello from the page.",
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/staff/handoffs", posted.Headers.Location!.OriginalString);
        Assert.Contains(fixture.Connector.Posts, p => p.ConversationId == conversation && (string?)p.Activity["text"] == "Hello from the page.");
        Assert.Equal("answered", (string)(await fixture.FindAsync(conversation))!["state"]!);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryTokenIsRefusedAndNothingIsSent()
    {
        var conversation = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("can i talk to someone from the hospital", conversation));
        var id = (long)(await fixture.FindAsync(conversation))!["id"]!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/staff/handoffs/{id}/reply")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "Forged reply." }),
        };
        request.Headers.Add(TestStaffAuthentication.Header, HandoffHost.Reviewer);
        using var posted = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.DoesNotContain(fixture.Connector.Posts, p => (string?)p.Activity["text"] == "Forged reply.");
        Assert.Equal("waiting", (string)(await fixture.FindAsync(conversation))!["state"]!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

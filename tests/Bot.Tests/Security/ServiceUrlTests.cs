using System.Net;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Security.ChannelRequests;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>
/// The activity's serviceUrl through the real host: one that is no URL is a protocol error (400) in every mode, and
/// local mode, where nobody is authenticated, replies only to loopback or configured service URLs (403 otherwise);
/// no turn runs and nothing is stored for a refused activity.
/// </summary>
public sealed class ServiceUrlTests(SharedHost shared, AuthenticatedHost authenticated) : IClassFixture<SharedHost>, IClassFixture<AuthenticatedHost>
{
    private const string Emergency = "my dad collapsed and is not breathing";

    public static TheoryData<string?> MalformedServiceUrls =>
    [
        null, "", "   ", "not a url", "127.0.0.1:9", "/v3/conversations", "ftp://127.0.0.1/", "file:///etc/passwd",
        "javascript:alert(1)", "mailto:bot@example.invalid", "http://", "http:///path", "http://user:pw@127.0.0.1:9/", "http://[::1",
    ];

    public static TheoryData<string> ForeignServiceUrls =>
    [
        "https://attacker.example/", "http://10.0.0.5:8080/", "http://192.168.1.20/", "http://[2001:db8::1]/",
        "http://localhost.attacker.example/", "http://127.0.0.1.attacker.example/", "https://smba.trafficmanager.net/emea/",
        "http://0.0.0.0:9/",
    ];

    public static TheoryData<string> LoopbackServiceUrls =>
    [
        "http://127.0.0.1:9", "http://127.8.9.10:9/", "http://localhost:9/", "https://LOCALHOST/", "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]:9/",
    ];

    [Theory]
    [MemberData(nameof(MalformedServiceUrls))]
    public async Task InLocalModeAMalformedServiceUrlIsA400WithNoTurn(string? serviceUrl)
    {
        var conversation = NewConversation();
        var activity = WithServiceUrl(Message(Emergency, conversation), serviceUrl);

        using var response = await PostAsync(shared.Host, activity, authorization: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JObject.Parse(await response.Content.ReadAsStringAsync())["error"]!;
        Assert.Equal("BadArgument", (string)error["code"]!);
        Assert.Contains("serviceUrl", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal(0, await StoredActivitiesAsync(shared.Host, "emulator", conversation));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://smba.trafficmanager.net/emea/")]
    public async Task WithAValidTokenAMalformedServiceUrlIsA400WithNoTurn(string? serviceUrl)
    {
        var conversation = NewConversation();
        var activity = WithServiceUrl(TeamsMessage(Emergency, conversation), serviceUrl);
        // The Bot Framework's checks compare the token's serviceurl claim with the activity's only when there is one.
        var token = authenticated.Issuer.Token(AuthenticatedHost.AppId, serviceUrl ?? TeamsServiceUrl);

        using var response = await PostAsync(authenticated.Host, activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StoredActivitiesAsync(authenticated.Host, "msteams", conversation));
    }

    [Theory]
    [MemberData(nameof(ForeignServiceUrls))]
    public async Task InLocalModeANonLoopbackServiceUrlIsA403WithNoTurnEvenForExpectReplies(string serviceUrl)
    {
        foreach (var deliveryMode in new[] { "normal", "expectReplies" })
        {
            var conversation = NewConversation();
            var activity = WithServiceUrl(Message(Emergency, conversation), serviceUrl);
            activity["deliveryMode"] = deliveryMode;

            using var response = await PostAsync(shared.Host, activity, authorization: null);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Forbidden", (string)JObject.Parse(await response.Content.ReadAsStringAsync())["error"]!["code"]!);
            Assert.Equal(0, await StoredActivitiesAsync(shared.Host, "emulator", conversation));
        }
    }

    [Theory]
    [MemberData(nameof(LoopbackServiceUrls))]
    public async Task InLocalModeALoopbackServiceUrlIsAnswered(string serviceUrl)
    {
        var replies = await shared.Host.SendAsync(WithServiceUrl(Message(Emergency, NewConversation()), serviceUrl));

        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
    }

    [Fact]
    public async Task InLocalModeAConfiguredServiceUrlIsAnsweredAndOthersStillRefused()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Security:AllowedServiceUrls:0"] = "https://smba.trafficmanager.net/emea/",
            ["Security:AllowedServiceUrls:1"] = "http://10.0.0.5:8080",
        });

        var teams = await host.SendAsync(WithServiceUrl(Message(Emergency, NewConversation()), "https://smba.trafficmanager.net/emea/conversations/"));
        var intranet = await host.SendAsync(WithServiceUrl(Message(Emergency, NewConversation()), "http://10.0.0.5:8080/bot/"));
        using var otherRegion = await PostAsync(host, WithServiceUrl(Message(Emergency, NewConversation()), "https://smba.trafficmanager.net/amer/"), null);
        using var otherPort = await PostAsync(host, WithServiceUrl(Message(Emergency, NewConversation()), "http://10.0.0.5:8081/"), null);
        using var otherScheme = await PostAsync(host, WithServiceUrl(Message(Emergency, NewConversation()), "http://smba.trafficmanager.net/emea/"), null);

        Assert.Equal("emergency", (string)Outcome(teams[0])["triage"]!);
        Assert.Equal("emergency", (string)Outcome(intranet[0])["triage"]!);
        Assert.Equal(HttpStatusCode.Forbidden, otherRegion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherScheme.StatusCode);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://files.example/")]
    [InlineData("")]
    public async Task AnAllowedServiceUrlThatIsNoHttpUrlStopsTheHostWithTheSettingsName(string entry)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Security:AllowedServiceUrls:0"] = entry,
        }));

        Assert.Contains("Security:AllowedServiceUrls:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnAppIdAServiceUrlTheTokenWasIssuedForIsAnsweredWhereverItIs()
    {
        var activity = TeamsMessage(Emergency, NewConversation(), "https://smba.trafficmanager.net/emea/");

        using var response = await PostAsync(authenticated.Host, activity, "Bearer " + authenticated.Issuer.Token(AuthenticatedHost.AppId, "https://smba.trafficmanager.net/emea/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JObject WithServiceUrl(JObject activity, string? serviceUrl)
    {
        if (serviceUrl is null)
        {
            activity.Remove("serviceUrl");
        }
        else
        {
            activity["serviceUrl"] = serviceUrl;
        }

        return activity;
    }
}

using System.Net;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Security.ChannelRequests;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>
/// Each way the bot is deployed (local mode, a multi-tenant and a single-tenant Azure bot) through the real host:
/// the web chat's local Direct Line channel answers an emergency whatever the Bot Framework settings, the page's
/// token endpoint keeps working, and /api/messages answers a channel that proves itself.
/// </summary>
public sealed class DeployedShapesTests
{
    private const string Emergency = "my dad collapsed and is not breathing";
    private const string AppId = "7c1d9a4e-2b3f-4e6a-9d8c-1b2a3c4d5e6f";
    private const string TenantId = "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b";

    public static TheoryData<string> Shapes => ["local", "MultiTenant", "SingleTenant"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task TheWebChatChannelAnswersAnEmergencyWithTheEmergencyReply(string shape)
    {
        // The settings exactly as an operator gives them (public cloud), as in the report of issue 9.
        await using var host = await BotHost.StartAsync(settings: PublicCloudSettings(shape));
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();
        await client.StartAsync();
        var welcome = await client.PollUntilBotMessageAsync(null);
        var (_, watermark) = await client.PollAsync();

        using var posted = await client.PostMessageAsync(Emergency);
        var activities = await client.PollUntilBotMessageAsync(watermark);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(welcome, a => (string?)a["type"] == "message");
        var reply = activities.First(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot");
        Assert.Equal("triage", Kind(reply));
        Assert.Equal("emergency", (string)Outcome(reply)["triage"]!);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("Direct Line turn failed", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ThePagesTokenEndpointGivesAWorkingLocalToken(string shape)
    {
        await using var host = await BotHost.StartAsync(settings: PublicCloudSettings(shape));

        using var response = await host.Client.PostAsync("/api/webchat/token", null);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        var client = new DirectLineClient(host.Client) { Token = (string)body["token"]! };
        using var poll = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{(string)body["conversationId"]!}/activities");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task TheMessagesEndpointAnswersAnEmergencyFromAChannelThatProvesItself(string shape)
    {
        await using var issuer = await FakeBotFrameworkIssuer.StartAsync();
        await using var host = await BotHost.StartAsync(settings: Settings(shape, issuer));
        var conversation = NewConversation();
        // Local mode: a local tool on loopback, no token. Azure: a Teams activity with the Bot Framework's token.
        var local = shape == "local";
        var activity = local ? Message(Emergency, conversation) : TeamsMessage(Emergency, conversation);
        activity["deliveryMode"] = "expectReplies";

        using var response = await PostAsync(host, activity, local ? null : "Bearer " + issuer.Token(AppId, TeamsServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await RepliesAsync(response);
        Assert.Equal("triage", Kind(replies[0]));
        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
    }

    [Theory]
    [InlineData("MultiTenant")]
    [InlineData("SingleTenant")]
    public async Task WithAnAppIdTheMessagesEndpointRefusesARequestWithoutAToken(string shape)
    {
        await using var issuer = await FakeBotFrameworkIssuer.StartAsync();
        await using var host = await BotHost.StartAsync(settings: Settings(shape, issuer));

        using var response = await PostAsync(host, Message(Emergency, NewConversation()), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Dictionary<string, string?> PublicCloudSettings(string shape) => shape switch
    {
        "local" => [],
        _ => new()
        {
            ["MicrosoftAppType"] = shape,
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "x",
            ["MicrosoftAppTenantId"] = shape == "SingleTenant" ? TenantId : string.Empty,
        },
    };

    // The public cloud's settings with the token issuer's keys served on loopback (FakeBotFrameworkIssuer).
    private static Dictionary<string, string?> Settings(string shape, FakeBotFrameworkIssuer issuer) => shape switch
    {
        "local" => [],
        "MultiTenant" => issuer.BotSettings(AppId, shape),
        "SingleTenant" => issuer.BotSettings(AppId, shape, TenantId),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };
}

using System.Net;
using System.Net.WebSockets;
using System.Text;
using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Channels;

/// <summary>The local Direct Line 3.0 channel through the real host, as the Web Chat client uses it.</summary>
public sealed class DirectLineChannelTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private DirectLineClient NewClient() => new(shared.Host.Client);

    [Fact]
    public async Task StartingAConversationSendsTheWelcomeAndAnswersWithServerIdsAndTheEcho()
    {
        var client = NewClient();
        await client.GenerateAsync();

        using (var first = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", "{}"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            var body = JObject.Parse(await first.Content.ReadAsStringAsync());
            Assert.Equal(client.ConversationId, (string)body["conversationId"]!);
            Assert.StartsWith("ws://", (string)body["streamUrl"]!);
        }

        using (var again = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var welcome = await client.PollUntilBotMessageAsync(null);
        Assert.Contains(welcome, a => ((string?)a["text"])?.Contains("MarrowBot", StringComparison.Ordinal) == true);

        var (_, watermark) = await client.PollAsync();
        using var posted = await client.PostMessageAsync("what causes marrow failure?", "client-42");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var postedId = (string)JObject.Parse(await posted.Content.ReadAsStringAsync())["id"]!;

        var activities = await client.PollUntilBotMessageAsync(watermark);
        var echo = activities.First(a => (string?)a["id"] == postedId);
        Assert.Equal("client-42", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("user", (string)echo["from"]!["role"]!);
        Assert.NotEqual("someone-else", (string)echo["from"]!["id"]!);
        Assert.NotNull(echo["timestamp"]);
        Assert.StartsWith(client.ConversationId + "|", postedId);
        Assert.Contains(activities, a => (string?)a["type"] == "typing");
        var answer = activities.Last(a => (string?)a["type"] == "message");
        Assert.Equal("bot", (string)answer["from"]!["role"]!);
        Assert.Equal(postedId, (string)answer["replyToId"]!);
        Assert.Contains("[1]: cite:1", (string)answer["text"]!);
    }

    [Fact]
    public async Task AnUnknownOrForgedTokenIsRefusedWith403()
    {
        var client = NewClient();
        await client.GenerateAsync();

        using var forged = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", token: client.Token[..^2] + "xx");
        using var none = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", token: "not-a-token");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
    }

    [Fact]
    public async Task OneVisitorCannotReadAnothersConversation()
    {
        var alice = NewClient();
        var bob = NewClient();
        await alice.GenerateAsync();
        await bob.GenerateAsync();

        using var response = await bob.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        using var post = await bob.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", "{\"type\":\"message\",\"text\":\"hi\"}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task AnUnknownConversationIs404EvenOnAPoll()
    {
        var tokens = shared.Host.Services.GetRequiredService<DirectLineTokens>();
        var client = NewClient();

        using var response = await client.SendAsync(HttpMethod.Get, "/v3/directline/conversations/gone/activities?watermark=3", token: tokens.Issue("gone", "visitor-x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MalformedJsonIs400AndAnOversizePostIs413()
    {
        var client = NewClient();
        await client.GenerateAsync();

        using var malformed = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", "{ \"type\": ");
        using var oversize = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", new JObject { ["type"] = "message", ["text"] = new string('a', 40_000) }.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
    }

    [Fact]
    public async Task RefreshingATokenKeepsTheConversation()
    {
        var client = NewClient();
        await client.GenerateAsync();

        using var response = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        client.Token = (string)body["token"]!;

        Assert.Equal(client.ConversationId, (string)body["conversationId"]!);
        await client.PollAsync();
    }

    [Fact]
    public async Task TheStreamDeliversRepliesAndReplaysAfterAWatermark()
    {
        var client = NewClient();
        await client.GenerateAsync();
        var started = await client.StartAsync();
        await client.PollUntilBotMessageAsync(null);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri((string)started["streamUrl"]!), CancellationToken.None);
        var replay = await DirectLineClient.ReceiveAsync(socket);
        Assert.Contains(replay["activities"]!, a => ((string?)a["text"])?.Contains("MarrowBot", StringComparison.Ordinal) == true);
        var watermark = (string)replay["watermark"]!;

        using (await client.PostMessageAsync("is it genetic?"))
        {
        }

        var live = new List<JToken>();
        while (!live.Any(a => (string?)a["type"] == "message" && (string?)a["from"]!["role"] == "bot"))
        {
            live.AddRange((await DirectLineClient.ReceiveAsync(socket))["activities"]!);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        using var resumed = new ClientWebSocket();
        using var conversation = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark={watermark}");
        var streamUrl = (string)JObject.Parse(await conversation.Content.ReadAsStringAsync())["streamUrl"]!;
        await resumed.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var replayed = await DirectLineClient.ReceiveAsync(resumed);

        Assert.Equal(live.Select(a => (string)a["id"]!), replayed["activities"]!.Select(a => (string)a["id"]!).Take(live.Count));
    }

    [Fact]
    public async Task AStreamWithABadTokenIsRefused()
    {
        var client = NewClient();
        await client.GenerateAsync();
        using var socket = new ClientWebSocket();
        var url = new Uri(shared.Host.Client.BaseAddress!, $"/v3/directline/conversations/{client.ConversationId}/stream?t=bad").ToString().Replace("http", "ws", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("403", error.Message);
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>Calls the local Direct Line channel the way the Web Chat client does.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string Token { get; set; } = string.Empty;

    public string ConversationId { get; private set; } = string.Empty;

    public async Task<JObject> GenerateAsync()
    {
        using var response = await http.PostAsync("/v3/directline/tokens/generate", null);
        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Token = (string)body["token"]!;
        ConversationId = (string)body["conversationId"]!;
        return body;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    public async Task<JObject> StartAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", "{}");
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> PostMessageAsync(string text, string clientActivityId = "client-1") =>
        await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new JObject
        {
            ["type"] = "message",
            ["from"] = new JObject { ["id"] = "someone-else", ["role"] = "user" },
            ["text"] = text,
            ["locale"] = "en-GB",
            ["channelData"] = new JObject { ["clientActivityID"] = clientActivityId },
        }.ToString());

    public async Task<(JArray Activities, string Watermark)> PollAsync(string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return ((JArray)body["activities"]!, (string)body["watermark"]!);
    }

    /// <summary>Polls until a bot message arrives after <paramref name="watermark"/>.</summary>
    public async Task<JArray> PollUntilBotMessageAsync(string? watermark, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        var seen = new JArray();
        while (DateTime.UtcNow < deadline)
        {
            var (activities, next) = await PollAsync(watermark);
            foreach (var activity in activities)
            {
                seen.Add(activity);
            }

            watermark = next;
            if (seen.Any(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot"))
            {
                return seen;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no bot message arrived");
    }

    /// <summary>The next whole message of the channel's WebSocket stream (an activity set), within 10 seconds.</summary>
    public static async Task<JObject> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        var builder = new StringBuilder();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            builder.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (result.EndOfMessage && builder.Length > 0)
            {
                return JObject.Parse(builder.ToString());
            }
        }
    }
}

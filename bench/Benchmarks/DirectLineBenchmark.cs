using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using MarrowBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Post to reply on loopback through the local Direct Line channel: the real host on Kestrel, a client posting as
/// Web Chat does, and the time until the bot's reply is visible to it, by polling (every 10 ms) and over the
/// WebSocket stream. Budget: p95 under 300 ms.
/// </summary>
public static class DirectLineBenchmark
{
    private static readonly string[] Messages = ["what causes marrow failure?", "is it genetic", "hello", "I have a fever of 38.5", "why am i so tired"];

    public static async Task<string> RunAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        using var store = new TemporaryStore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = store.Path,
            ["Urls"] = "http://127.0.0.1:0",
            ["RateLimits:MessagesPerMinute"] = "1000000", // one loopback client drives all the load
            ["RateLimits:DirectLinePerMinute"] = "1000000",
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["DirectLine:PostsPerMinute"] = "10000",
        });
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        await using var app = builder.Build();
        app.MapMarrowBot();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var polling = await MeasureAsync(http, 200, useSocket: false);
        var socket = await MeasureAsync(http, 200, useSocket: true);
        await app.StopAsync();
        return $"Direct Line post to reply, polling every 10 ms: {Percentiles.Describe(polling)}\nDirect Line post to reply, WebSocket: {Percentiles.Describe(socket)}";
    }

    private static async Task<List<double>> MeasureAsync(HttpClient http, int turns, bool useSocket)
    {
        var (conversationId, token, streamUrl) = await StartAsync(http);
        using var socket = new ClientWebSocket();
        if (useSocket)
        {
            await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        }

        var watermark = "0";
        var times = new List<double>();
        for (var i = 0; i < turns + 20; i++)
        {
            var watch = Stopwatch.StartNew();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
            {
                Content = new StringContent(new JObject { ["type"] = "message", ["text"] = Messages[i % Messages.Length], ["channelData"] = new JObject { ["clientActivityID"] = "b" + i } }.ToString(), Encoding.UTF8, "application/json"),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var postedId = (string)JObject.Parse(await (await http.SendAsync(post)).Content.ReadAsStringAsync())["id"]!;
            watermark = useSocket ? await WaitOnSocketAsync(socket, postedId) : await WaitByPollingAsync(http, conversationId, token, watermark, postedId);
            if (i >= 20)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync(HttpClient http)
    {
        var generated = JObject.Parse(await (await http.PostAsync("/v3/directline/tokens/generate", null)).Content.ReadAsStringAsync());
        var token = (string)generated["token"]!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = JObject.Parse(await (await http.SendAsync(start)).Content.ReadAsStringAsync());
        return ((string)generated["conversationId"]!, token, (string)started["streamUrl"]!);
    }

    private static async Task<string> WaitByPollingAsync(HttpClient http, string conversationId, string token, string watermark, string postedId)
    {
        while (true)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}");
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var body = JObject.Parse(await (await http.SendAsync(poll)).Content.ReadAsStringAsync());
            watermark = (string)body["watermark"]!;
            if (body["activities"]!.Any(a => (string?)a["replyToId"] == postedId && (string?)a["type"] == "message"))
            {
                return watermark;
            }

            await Task.Delay(10);
        }
    }

    private static async Task<string> WaitOnSocketAsync(ClientWebSocket socket, string postedId)
    {
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);

            var frame = JObject.Parse(text.ToString());
            if (frame["activities"]!.Any(a => (string?)a["replyToId"] == postedId && (string?)a["type"] == "message"))
            {
                return (string)frame["watermark"]!;
            }
        }
    }
}

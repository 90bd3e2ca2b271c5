using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Edge;

/// <summary>
/// Bounded input on every endpoint that takes a body, through the real host: too large is 413 (by Content-Length
/// and while reading a chunked body), the wrong content type is 415, deeply nested JSON is 400 where an activity
/// is parsed (and ignored where the body is only a hint), invalid UTF-8 is read kindly, and nothing is ever 5xx.
/// </summary>
public sealed class BoundedInputTests : IClassFixture<BoundedInputTests.Host>
{
    private readonly Host _fixture;

    public BoundedInputTests(Host fixture) => _fixture = fixture;

    /// <summary>Every endpoint that reads a body, with the status a well-formed body gets.</summary>
    public static TheoryData<string> BodyEndpoints => new(["messages", "webchat-token", "tokens-generate", "tokens-refresh", "conversations", "activities", "upload"]);

    /// <summary>The endpoints that parse an activity, and what a deeply nested one gets.</summary>
    public static TheoryData<string, HttpStatusCode> NestedBodies => new()
    {
        { "messages", HttpStatusCode.BadRequest },
        { "activities", HttpStatusCode.BadRequest },
        { "upload", HttpStatusCode.BadRequest },

        // These read the body only as a hint (a conversation to resume): a malformed one is ignored.
        { "webchat-token", HttpStatusCode.OK },
        { "tokens-generate", HttpStatusCode.OK },
    };

    /// <summary>The endpoints that read the body as it arrives, so only the limit while reading can stop a chunked one.</summary>
    public static TheoryData<string> ReadingEndpoints => new(["messages", "activities", "upload"]);

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task AWellFormedSmallBodyIsAccepted(string endpoint)
    {
        using var response = await SendAsync(endpoint, SmallBody(endpoint));

        Assert.True(response.IsSuccessStatusCode, $"{endpoint}: {response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task ABodyOverTheLimitGets413(string endpoint)
    {
        using var response = await SendAsync(endpoint, Padded(endpoint, 300_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ReadingEndpoints))]
    public async Task AChunkedBodyOverTheLimitGets413(string endpoint)
    {
        // Kestrel answers 413 as soon as the limit is crossed and closes the connection without reading the rest;
        // on a loaded machine the client can still be sending then and see the reset before the response. That is
        // the client's race, not the server's answer, so one such reset is retried; a second fails the test.
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(endpoint, Padded(endpoint, 300_000), chunked: true);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            response = await SendAsync(endpoint, Padded(endpoint, 300_000), chunked: true);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    [Fact]
    public async Task AMessageJustUnderItsLimitIsAcceptedAndJustOverIsNot()
    {
        using var under = await SendAsync("messages", Padded("messages", 250_000));
        using var over = await SendAsync("messages", Padded("messages", 263_000));

        Assert.Equal(HttpStatusCode.OK, under.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task ABodyOfTheWrongContentTypeGets415(string endpoint)
    {
        // A JSON endpoint sent text/plain, and the upload (a form) sent JSON.
        var body = endpoint == "upload" ? Json("{\"type\":\"message\",\"text\":\"hello\"}") : new StringContent(SmallJson(endpoint), Encoding.UTF8, "text/plain");

        using var response = await SendAsync(endpoint, body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task JsonInAnotherCharsetGets415()
    {
        var body = new StringContent(SmallJson("messages"), Encoding.Unicode, "application/json");

        using var response = await SendAsync("messages", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(NestedBodies))]
    public async Task DeeplyNestedJsonGetsItsStatusNeverA5xx(string endpoint, HttpStatusCode expected)
    {
        // The small endpoints take 4 KB, so their deepest case is shallower.
        foreach (var depth in expected == HttpStatusCode.OK ? new[] { 200, 1_500 } : new[] { 200, 10_000 })
        {
            var nested = new string('[', depth) + new string(']', depth);
            var json = endpoint == "messages"
                ? SmallJson(endpoint)[..^1] + ",\"channelData\":" + nested + "}"
                : "{\"type\":\"message\",\"text\":\"hello\",\"channelData\":" + nested + "}";

            using var response = await SendAsync(endpoint, endpoint == "upload" ? Form(json, [1, 2, 3]) : Json(json));

            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task AMessageWithInvalidUtf8IsAnsweredNotFailed()
    {
        var bytes = Encoding.UTF8.GetBytes(SmallJson("messages").Replace("what causes marrow failure?", "what causes marrow \u0001failure?", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xFF;
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await SendAsync("messages", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
        Assert.DoesNotContain(replies, r => Kind(r) == "error");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task InvalidUtf8IsNeverA5xx(string endpoint)
    {
        var bytes = Encoding.UTF8.GetBytes(SmallJson(endpoint)).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).ToArray();
        HttpContent body = endpoint == "upload" ? Form(Encoding.Latin1.GetString(bytes), [0xFF, 0xFE]) : new ByteArrayContent(bytes);
        if (endpoint != "upload")
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await SendAsync(endpoint, body);

        Assert.True((int)response.StatusCode < 500, $"{endpoint}: {response.StatusCode}");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Form(string activityJson, byte[] file)
    {
        var form = new MultipartFormDataContent();
        var activity = new StringContent(activityJson, Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var attachment = new ByteArrayContent(file);
        attachment.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(attachment, "file", "scan.png");
        return form;
    }

    private static string SmallJson(string endpoint) => endpoint switch
    {
        "messages" => ExpectReplies(Message("what causes marrow failure?", "bounded-" + Guid.NewGuid().ToString("N"))).ToString(Newtonsoft.Json.Formatting.None),
        "activities" or "upload" => "{\"type\":\"message\",\"text\":\"what causes marrow failure?\"}",
        "tokens-generate" => "{\"user\":{\"id\":\"dl_someone\"}}",
        _ => "{}",
    };

    private static HttpContent SmallBody(string endpoint) => endpoint == "upload" ? Form(SmallJson(endpoint), [1, 2, 3]) : Json(SmallJson(endpoint));

    /// <summary>A well-formed body of about <paramref name="bytes"/> bytes (the padding in a field the endpoint ignores or a file).</summary>
    private static HttpContent Padded(string endpoint, int bytes)
    {
        if (endpoint == "upload")
        {
            return Form(SmallJson(endpoint), new byte[bytes]);
        }

        var json = JObject.Parse(SmallJson(endpoint));
        json["padding"] = new string('x', bytes);
        return Json(json.ToString(Newtonsoft.Json.Formatting.None));
    }

    private async Task<HttpResponseMessage> SendAsync(string endpoint, HttpContent body, bool chunked = false)
    {
        var http = _fixture.Bot.Client;
        var path = "/api/messages";
        string? token = null;
        if (endpoint is not ("messages" or "webchat-token" or "tokens-generate"))
        {
            var client = new DirectLineClient(http);
            await client.GenerateAsync();
            token = client.Token;
            path = endpoint switch
            {
                "tokens-refresh" => "/v3/directline/tokens/refresh",
                "conversations" => "/v3/directline/conversations",
                "activities" => $"/v3/directline/conversations/{client.ConversationId}/activities",
                _ => $"/v3/directline/conversations/{client.ConversationId}/upload",
            };
        }
        else if (endpoint == "webchat-token")
        {
            path = "/api/webchat/token";
        }
        else if (endpoint == "tokens-generate")
        {
            path = "/v3/directline/tokens/generate";
        }

        if (chunked)
        {
            var bytes = await body.ReadAsByteArrayAsync();
            var type = body.Headers.ContentType;
            body = new StreamContent(new NonSeekableStream(bytes));
            body.Headers.ContentType = type;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return await http.SendAsync(request);
    }

    /// <summary>One host for the class, with token limits out of the way (rate limits have their own tests).</summary>
    public sealed class Host : IAsyncLifetime
    {
        public BotHost Bot { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Bot = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:TokensPerMinute"] = "10000", ["DirectLine:PostsPerMinute"] = "10000" });

        public async Task DisposeAsync() => await Bot.DisposeAsync();
    }

    /// <summary>A stream whose length HttpClient cannot know, so it sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

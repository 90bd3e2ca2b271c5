using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Channels;

/// <summary>
/// Issue 9, defect 3: an upload runs a turn just like a post, so it is under the same per-conversation rate limit
/// and the same size limit.
/// </summary>
public sealed class DirectLineUploadLimitsTests
{
    [Fact]
    public async Task UploadsOnAConversationAlreadyAt429Get429WithRetryAfterAndRunNoTurn()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:PostsPerMinute"] = "3" });
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await client.PostMessageAsync("hello " + i, "c" + i);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var limited = await client.PostMessageAsync("hello again", "c-limited"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        await WaitForBotRepliesAsync(client, 3);
        await Task.Delay(300);
        var repliesBefore = await CountAsync(client, "bot");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var upload = await UploadAsync(host.Client, client, "what causes marrow failure?", new byte[100]);
            statuses.Add(upload.StatusCode);
            Assert.True(upload.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 tells when to try again");
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(3, await CountAsync(client, "user"));
        await Task.Delay(500);
        Assert.Equal(repliesBefore, await CountAsync(client, "bot"));
    }

    [Fact]
    public async Task AnUploadOverMaxActivityBytesGets413AndRunsNoTurn()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        using var upload = await UploadAsync(host.Client, client, "what causes marrow failure?", new byte[2 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        var (activities, _) = await client.PollAsync();
        Assert.DoesNotContain(activities, a => (string?)a["from"]?["role"] == "user");
    }

    [Fact]
    public async Task AChunkedUploadOverMaxActivityBytesGets413Too()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        using var upload = await UploadAsync(host.Client, client, "what causes marrow failure?", new byte[2 * 1024 * 1024], chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
    }

    [Fact]
    public async Task ASmallUploadWithinTheLimitsIsAnsweredAndKeepsOnlyTheFileName()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        using var upload = await UploadAsync(host.Client, client, "what causes marrow failure?", Encoding.UTF8.GetBytes("a small scan"));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var seen = await client.PollUntilBotMessageAsync(null);
        var mine = Assert.Single(seen, a => (string?)a["from"]?["role"] == "user");
        Assert.Equal("scan.png", (string)mine["attachments"]![0]!["name"]!);
        Assert.Null(mine["attachments"]![0]!["content"]);
    }

    [Fact]
    public async Task AnUploadThatIsNotAFormGets415()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        using var upload = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/upload", "{\"type\":\"message\"}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
    }

    /// <summary>What Direct Line's upload takes: the activity as a JSON part named "activity" and the files beside it.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, DirectLineClient client, string text, byte[] file, bool chunked = false)
    {
        var form = new MultipartFormDataContent();
        var activity = new StringContent(new JObject { ["type"] = "message", ["text"] = text }.ToString(), Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var attachment = new ByteArrayContent(file);
        attachment.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(attachment, "file", "scan.png");
        HttpContent content = form;
        if (chunked)
        {
            // A body with no Content-Length: only the limit while reading can stop it.
            var bytes = await form.ReadAsByteArrayAsync();
            content = new StreamContent(new NonSeekableStream(bytes));
            content.Headers.ContentType = form.Headers.ContentType;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/upload") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return await http.SendAsync(request);
    }

    private static async Task<int> CountAsync(DirectLineClient client, string role)
    {
        var (activities, _) = await client.PollAsync();
        return activities.Count(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == role);
    }

    private static async Task WaitForBotRepliesAsync(DirectLineClient client, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await CountAsync(client, "bot") < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, "the accepted posts were not answered");
            await Task.Delay(50);
        }
    }

    /// <summary>A stream whose length HttpClient cannot know, so it sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

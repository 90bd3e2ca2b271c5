using System.Net;
using MarrowBot.Bot.Channels.WebChat;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Channels;

/// <summary>The page's token endpoint: local tokens and resume, and the server-side Azure secret exchange.</summary>
public sealed class WebChatTokenTests
{
    [Fact]
    public async Task ThePageResumesItsConversationWithAStoredToken()
    {
        await using var host = await BotHost.StartAsync();
        var first = await TokenAsync(host, "{}");

        var resumed = await TokenAsync(host, new JObject { ["conversationId"] = first["conversationId"], ["token"] = first["token"] }.ToString());
        var fresh = await TokenAsync(host, new JObject { ["conversationId"] = first["conversationId"], ["token"] = "forged" }.ToString());

        Assert.True((bool)resumed["resumed"]!);
        Assert.Equal((string)first["conversationId"]!, (string)resumed["conversationId"]!);
        Assert.False((bool)fresh["resumed"]!);
        Assert.NotEqual((string)first["conversationId"]!, (string)fresh["conversationId"]!);
    }

    [Fact]
    public async Task WithAnAzureSecretTheTokenIsExchangedServerSideAndTheSecretNeverReachesThePage()
    {
        const string Secret = "very-secret-direct-line-key";
        var azure = new RecordingHandler("""{"conversationId":"azure-conv-1","token":"azure-token-1","expires_in":3600}""");
        await using var host = await BotHost.StartAsync(
            services => services.AddHttpClient(WebChatEndpoints.AzureClient).ConfigurePrimaryHttpMessageHandler(() => azure),
            new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret, ["DirectLine:LocalChannelEnabled"] = "false" });

        using var response = await host.Client.PostAsync("/api/webchat/token", null);
        var text = await response.Content.ReadAsStringAsync();
        var page = await host.Client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(text);
        Assert.Equal("azure-token-1", (string)body["token"]!);
        Assert.Equal("azure", (string)body["mode"]!);
        Assert.Equal("Bearer " + Secret, azure.Authorization);
        Assert.EndsWith("/tokens/generate", azure.Uri);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(Secret, page);
    }

    private static async Task<JObject> TokenAsync(BotHost host, string json)
    {
        using var response = await host.Client.PostAsync("/api/webchat/token", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private sealed class RecordingHandler(string reply) : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        public string Uri { get; private set; } = string.Empty;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            Uri = request.RequestUri!.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply) });
        }
    }
}

using System.Net;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Edge;

/// <summary>
/// The per-client-address rate limits through the real host: a flooding client gets 429 with Retry-After while
/// another client keeps being answered, the key is the forwarded address only from a configured proxy, health
/// checks are never limited, and the defaults never stop a person typing.
/// </summary>
public sealed class RateLimitTests
{
    private const string Flooder = "203.0.113.7";
    private const string Neighbour = "203.0.113.8";

    public static TheoryData<string> Kinds => new(["messages", "directline", "tokens", "pages"]);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AFloodingClientGets429WithRetryAfterWhileAnotherClientBehindTheProxyIsAnswered(string kind)
    {
        await using var host = await BotHost.StartAsync(settings: Limits(5, ("Network:KnownProxies:0", "127.0.0.1")));
        var conversation = await ConversationAsync(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await SendAsync(host, kind, conversation, Flooder);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            }
        }

        using var neighbour = await SendAsync(host, kind, conversation, Neighbour);

        Assert.Equal(5, statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.Created));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(neighbour.IsSuccessStatusCode, $"the other client got {neighbour.StatusCode}");
    }

    [Fact]
    public async Task ASpoofedForwardedForFromAnUnconfiguredPeerDoesNotChangeTheKey()
    {
        await using var host = await BotHost.StartAsync(settings: Limits(5));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            // A new address every time: believed, it would give the client a fresh budget each request.
            using var response = await SendAsync(host, "pages", null, $"198.51.100.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task AForwardedForFromAPeerOutsideTheConfiguredNetworksIsNotBelieved()
    {
        await using var host = await BotHost.StartAsync(settings: Limits(5, ("Network:KnownNetworks:0", "10.0.0.0/8")));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await SendAsync(host, "pages", null, $"198.51.100.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task AProxyInsideAConfiguredNetworkIsBelieved()
    {
        await using var host = await BotHost.StartAsync(settings: Limits(5, ("Network:KnownNetworks:0", "127.0.0.0/8")));

        for (var i = 0; i < 6; i++)
        {
            using var flood = await SendAsync(host, "pages", null, Flooder);
        }

        using var limited = await SendAsync(host, "pages", null, Flooder);
        using var neighbour = await SendAsync(host, "pages", null, Neighbour);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
    }

    [Fact]
    public async Task AFloodOfDirectLineLeavesThePageAndHealthCheckOpenForTheSameClient()
    {
        await using var host = await BotHost.StartAsync(settings: Limits(3));
        var conversation = await ConversationAsync(host);
        for (var i = 0; i < 6; i++)
        {
            using var flood = await SendAsync(host, "directline", conversation, null);
        }

        using var limited = await SendAsync(host, "directline", conversation, null);
        using var page = await SendAsync(host, "pages", null, null);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task HealthChecksAreNeverRateLimited()
    {
        await using var host = await BotHost.StartAsync(settings: Limits(1));

        for (var i = 0; i < 30; i++)
        {
            using var response = await host.Client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task WithTheDefaultsAPersonSendingAMessageEverySecondForAMinuteIsNeverStoppedAndTheEmergencyIsAnswered()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        // Sixty messages, as fast as a person can press Enter for a whole minute, the last one an emergency.
        for (var i = 0; i < 59; i++)
        {
            using var response = await client.PostMessageAsync("help " + i, "c" + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (_, watermark) = await client.PollAsync();
        using var emergency = await client.PostMessageAsync("my dad collapsed and is not breathing", "c-emergency");
        Assert.Equal(HttpStatusCode.OK, emergency.StatusCode);

        var replies = await PollForTriageAsync(client, watermark);
        Assert.Contains(replies, IsEmergencyReply);
    }

    [Fact]
    public async Task AProxyThatIsNotAnAddressStopsTheHostAtStart()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Network:KnownProxies:0"] = "proxy.example" }));

        Assert.Contains("Network:KnownProxies", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANetworkThatIsNotInCidrFormStopsTheHostAtStart()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Network:KnownNetworks:0"] = "10.0.0.0/33" }));

        Assert.Contains("Network:KnownNetworks", failure.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Limits(int perMinute, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:MessagesPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:DirectLinePerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:PagesPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DirectLine:TokensPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A Direct Line conversation and its token, got through the page's token endpoint from the proxy itself.</summary>
    private static async Task<DirectLineClient> ConversationAsync(BotHost host)
    {
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(BotHost host, string kind, DirectLineClient? conversation, string? forwardedFor)
    {
        var request = kind switch
        {
            "messages" => new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(Message(), Encoding.UTF8, "application/json") },
            "directline" => new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversation!.ConversationId}/activities"),
            "tokens" => new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") },
            _ => new HttpRequestMessage(HttpMethod.Get, "/"),
        };
        if (kind == "directline")
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", conversation!.Token);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return host.Client.SendAsync(request);
    }

    private static string Message() => ExpectReplies(Activities.Message("hello", "limits-" + Guid.NewGuid().ToString("N"))).ToString();

    private static bool IsEmergencyReply(JToken activity) =>
        (string?)activity["from"]?["role"] == "bot" && (string?)activity["type"] == "message" && (string?)Outcome(activity)["triage"] == "emergency";

    private static async Task<List<JToken>> PollForTriageAsync(DirectLineClient client, string watermark)
    {
        var seen = new List<JToken>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var (activities, next) = await client.PollAsync(watermark);
            seen.AddRange(activities);
            watermark = next;
            if (seen.Any(IsEmergencyReply))
            {
                break;
            }

            await Task.Delay(50);
        }

        return seen;
    }
}

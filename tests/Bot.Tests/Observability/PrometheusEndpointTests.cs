using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MarrowBot.Bot.Tests.Support;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Observability;

/// <summary>The Prometheus exporter through the real host: what /metrics shows after real turns, and who may read it.</summary>
[Collection(ExporterCollection.Name)]
public sealed class PrometheusEndpointTests
{
    private const string ScrapeKey = "scrape-key-0123456789abcdef0123456789";

    private static readonly Dictionary<string, string?> Prometheus = new() { ["Telemetry:Exporter"] = "Prometheus" };

    [Fact]
    public async Task AfterAFewTurnsTheScrapeShowsTheTurnsTheEmergencyTierAndTheReplyKinds()
    {
        await using var host = await BotHost.StartAsync(settings: Prometheus);

        await host.SendAsync(Message("what causes marrow failure?", NewConversation()));
        await host.SendAsync(Message("my dad collapsed and is not breathing", NewConversation()));
        await host.SendAsync(Message("thanks", NewConversation()));
        var scrape = await ScrapeAsync(host);

        Assert.Equal(3, Value(scrape, "marrowbot_turns_total", "activity_type=\"message\"", "channel=\"emulator\""));
        Assert.Equal(1, Value(scrape, "marrowbot_triage_total", "tier=\"emergency\""));
        Assert.Equal(2, Value(scrape, "marrowbot_triage_total", "tier=\"none\""));
        Assert.Equal(1, Value(scrape, "marrowbot_replies_total", "kind=\"triage\""));
        Assert.Equal(1, Value(scrape, "marrowbot_replies_total", "kind=\"answer\""));
        Assert.True(Value(scrape, "marrowbot_replies_total", "kind=\"welcome\"") >= 2);
        Assert.Equal(3, Value(scrape, "marrowbot_turn_duration_milliseconds_count", "activity_type=\"message\""));
        Assert.Contains("marrowbot_transcript_buffer_depth", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScrapedOutputHoldsNoMessageTextConversationIdOrUserId()
    {
        await using var host = await BotHost.StartAsync(settings: Prometheus);
        var message = Message("walrus-7313 crushing chest pain, Jane Doe, NHS 943 476 5919", "conv-walrus-7313");
        message["from"]!["id"] = "user-walrus-7313";
        message["from"]!["name"] = "Jane Walrus";

        await host.SendAsync(message);
        var scrape = await ScrapeAsync(host);

        Assert.Contains("marrowbot_turns_total", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("walrus", scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chest", scrape, StringComparison.OrdinalIgnoreCase);
        // The NHS number whole, spaced or not: runtime metrics are numbers, and "943" alone turns up in a GC byte count by chance.
        Assert.DoesNotContain("943 476 5919", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("9434765919", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScrapeRelayedByAProxyIsRefusedWithoutTheKeyAndAnsweredWithIt()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?>(Prometheus) { ["Telemetry:PrometheusScrapeKey"] = ScrapeKey });

        using var relayed = await GetAsync(host, forwarded: true, key: null);
        using var wrongKey = await GetAsync(host, forwarded: true, key: ScrapeKey + "x");
        using var withKey = await GetAsync(host, forwarded: true, key: ScrapeKey);
        using var direct = await GetAsync(host, forwarded: false, key: null);

        Assert.Equal(HttpStatusCode.NotFound, relayed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task WithoutAnExporterThereIsNoScrapeEndpoint()
    {
        await using var host = await BotHost.StartAsync();

        using var response = await host.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> ScrapeAsync(BotHost host)
    {
        using var response = await host.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> GetAsync(BotHost host, bool forwarded, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return host.Client.SendAsync(request);
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string scrape, string metric, params string[] labels)
    {
        var samples = Regex.Matches(scrape, $@"^{Regex.Escape(metric)}\{{(?<labels>[^}}]*)\}} (?<value>\S+)", RegexOptions.Multiline)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .ToList();
        Assert.True(samples.Count == 1, $"{samples.Count} samples of {metric} with {string.Join(",", labels)} in:\n{scrape}");
        return double.Parse(samples[0].Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");
}

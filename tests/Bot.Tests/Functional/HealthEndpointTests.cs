using System.Net;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>The liveness and readiness endpoints through the real host.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task ReadyReportsTheStoreUpAndAnEmptyJournalOnAHealthyHost()
    {
        await using var host = await BotHost.StartAsync();

        using var live = await host.Client.GetAsync("/healthz/live");
        using var ready = await host.Client.GetAsync("/healthz/ready");
        using var legacy = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        var body = JObject.Parse(await ready.Content.ReadAsStringAsync());
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("ready", (string)body["status"]!);
        Assert.Equal("up", (string)body["store"]!["status"]!);
        Assert.Equal("sqlite", (string)body["store"]!["provider"]!);
        Assert.Equal(0, (long)body["transcripts"]!["journalActivities"]!);
    }
}

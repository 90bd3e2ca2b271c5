using System.Net;
using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Channels;

/// <summary>Expiry and flood control, each on its own host with a hand-moved clock.</summary>
public sealed class DirectLineLimitsTests
{
    [Fact]
    public async Task AnExpiredTokenGets403()
    {
        var clock = new ManualClock();
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();

        clock.Advance(TimeSpan.FromMinutes(31));
        using var response = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AFloodFromOneConversationGets429WithRetryAfterAndOthersAreUndisturbed()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:PostsPerMinute"] = "5" });
        var flooder = new DirectLineClient(host.Client);
        var other = new DirectLineClient(host.Client);
        await flooder.GenerateAsync();
        await other.GenerateAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await flooder.PostMessageAsync("hello " + i, "c" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        using var calm = await other.PostMessageAsync("what causes marrow failure?");

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
    }

    [Fact]
    public async Task TheLocalChannelCanBeSwitchedOff()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:LocalChannelEnabled"] = "false" });

        using var response = await host.Client.PostAsync("/v3/directline/tokens/generate", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace MarrowBot.Bot.Tests.Storage;

public sealed class RetentionServiceTests
{
    [Fact]
    public async Task ASweepPurgesWhatIsOlderThanTheConfiguredNumberOfDays()
    {
        var clock = new ManualClock();
        var retention = new Mock<ITranscriptRetention>();
        retention.Setup(r => r.PurgeOlderThanAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(7);
        var service = new TranscriptRetentionService(retention.Object, Options.Create(new StorageOptions { RetentionDays = 30 }), clock, NullLogger<TranscriptRetentionService>.Instance);

        var removed = await service.SweepAsync(CancellationToken.None);

        Assert.Equal(7, removed);
        retention.Verify(r => r.PurgeOlderThanAsync(clock.GetUtcNow() - TimeSpan.FromDays(30), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TheRetentionJobInTheRealHostRemovesAnOldTranscriptAndKeepsARecentOne()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:RetentionDays"] = "7" });
        var store = (ITranscriptBatchStore)host.Services.GetRequiredService<Microsoft.Bot.Builder.ITranscriptStore>();
        var old = "conv-old-" + Guid.NewGuid().ToString("N");
        var recent = "conv-recent-" + Guid.NewGuid().ToString("N");
        await store.LogActivitiesAsync([Message(old, DateTimeOffset.UtcNow.AddDays(-10)), Message(recent, DateTimeOffset.UtcNow.AddDays(-1))], CancellationToken.None);

        await host.Services.GetRequiredService<TranscriptRetentionService>().SweepAsync(CancellationToken.None);

        Assert.Empty((await store.GetTranscriptActivitiesAsync("test", old)).Items);
        Assert.Single((await store.GetTranscriptActivitiesAsync("test", recent)).Items);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Retention sweep removed", StringComparison.Ordinal));
    }

    private static Microsoft.Bot.Schema.Activity Message(string conversation, DateTimeOffset at) => new(Microsoft.Bot.Schema.ActivityTypes.Message)
    {
        Id = "a1",
        ChannelId = "test",
        Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: conversation),
        From = new Microsoft.Bot.Schema.ChannelAccount("user-1", role: "user"),
        Recipient = new Microsoft.Bot.Schema.ChannelAccount("marrowbot", role: "bot"),
        Text = "hello",
        Timestamp = at,
    };
}

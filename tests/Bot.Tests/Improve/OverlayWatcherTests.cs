using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Staff.Improve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>The overlay watcher (ADR 0029, addendum) on the real host's services: it retrains only when the stored version is one this instance has not read, and once per change whatever the gate decided.</summary>
public sealed class OverlayWatcherTests
{
    [Fact]
    public async Task AnUnchangedVersionQueuesNothingAndAChangedOneQueuesOneRetrainThatIsNotRepeatedAtTheNextCheck()
    {
        await using var host = await BotHost.StartAsync();
        var services = host.Services;
        var live = services.GetRequiredService<LiveKnowledge>();
        var retrains = services.GetRequiredService<RetrainService>();
        var store = services.GetRequiredService<IOverlayStore>();
        var watcher = new OverlayWatcher(store, live, retrains, services.GetRequiredService<IOptions<KnowledgeOptions>>(), TimeProvider.System, NullLogger<OverlayWatcher>.Instance);
        Assert.Equal(0, live.OverlayVersion);

        await watcher.CheckAsync(CancellationToken.None);
        Assert.Equal(0, retrains.Completed);
        Assert.False(retrains.IsRunning);

        var intent = services.GetRequiredService<KnowledgeBase>().Faqs[0].Id;
        await services.GetRequiredService<OverlayEditor>().AddPhrasingAsync(intent, "a phrasing for the watcher", "ed.watch", DateTimeOffset.UtcNow, null, CancellationToken.None);
        await watcher.CheckAsync(CancellationToken.None);
        for (var i = 0; i < 240 && retrains.Completed < 1; i++)
        {
            await Task.Delay(250);
        }

        Assert.Equal(1, retrains.Completed);
        Assert.Equal(1, live.OverlayVersion);
        await watcher.CheckAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Equal(1, retrains.Completed);
        Assert.False(retrains.IsRunning);
        var run = Assert.Single(await services.GetRequiredService<IImprovementRuns>().ListAsync(10, CancellationToken.None));
        Assert.Equal(OverlayWatcher.RequestedBy, run.RequestedBy);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("3601")]
    public async Task APollIntervalOutsideFiveSecondsToAnHourStopsStartUpNamingTheSetting(string seconds)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Knowledge:OverlayPollSeconds"] = seconds }));

        Assert.Contains("OverlayPollSeconds", error.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Sockets;
using MarrowBot.Bot.Observability;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Observability;

/// <summary>The "MarrowBot" meter's values after real turns through the real host, read with a MeterListener.</summary>
public sealed class BotMetricsTests
{
    [Fact]
    public async Task TurnsTiersRepliesAndLatencyAreCountedForEveryTurn()
    {
        await using var host = await BotHost.StartAsync();
        using var metrics = new MetricsRecorder(host.Services);

        var emergency = await host.SendAsync(Message("my dad collapsed and is not breathing", NewConversation()));
        var question = await host.SendAsync(Message("what causes marrow failure?", NewConversation()));
        var hello = await host.SendAsync(Message("hello", NewConversation()));

        Assert.Equal(3, metrics.Sum("marrowbot.turns", ("activity.type", "message"), ("channel", "emulator")));
        Assert.Equal(1, metrics.Sum("marrowbot.triage", ("tier", "emergency")));
        Assert.Equal(2, metrics.Sum("marrowbot.triage", ("tier", "none")));
        var sent = emergency.Concat(question).Concat(hello).GroupBy(Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Contains("triage", sent.Keys);
        Assert.Equal(sent, metrics.Of("marrowbot.replies").GroupBy(m => m.Tags["kind"]!).ToDictionary(g => g.Key, g => (int)g.Sum(m => m.Value)));
        var latencies = metrics.Of("marrowbot.turn.duration").ToList();
        Assert.Equal(3, latencies.Count);
        Assert.All(latencies, l => Assert.True(l.Value > 0 && l.Value < 60_000, $"latency {l.Value} ms"));
    }

    [Fact]
    public async Task ChannelsAndActivityTypesACallerMadeUpAreCountedAsOtherNeverByTheirName()
    {
        await using var host = await BotHost.StartAsync();
        using var metrics = new MetricsRecorder(host.Services);
        var odd = Message("hello", NewConversation(), channel: "quokka-channel-4471");
        var oddType = Message(null, NewConversation());
        oddType["type"] = "wombat-type-4471";

        await host.SendAsync(odd);
        using var response = await host.PostAsync(oddType.ToString());

        Assert.Equal(1, metrics.Sum("marrowbot.turns", ("activity.type", "message"), ("channel", "other")));
        Assert.Equal(1, metrics.Sum("marrowbot.turns", ("activity.type", "other"), ("channel", "emulator")));
        Assert.DoesNotContain(metrics.All.SelectMany(m => m.Tags.Values), v => v!.Contains("4471", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoMessageTextConversationOrUserIdBecomesATagValue()
    {
        await using var host = await BotHost.StartAsync();
        using var metrics = new MetricsRecorder(host.Services);
        var conversation = "conv-penguin-9902";
        var message = Message("penguin-9902 my gums won't stop bleeding, what is aplastic anaemia", conversation);
        message["from"]!["id"] = "user-penguin-9902";

        await host.SendAsync(message);
        metrics.Observe();

        Assert.NotEmpty(metrics.All);
        Assert.DoesNotContain(metrics.All.SelectMany(m => m.Tags.Values), v => v!.Contains("penguin", StringComparison.OrdinalIgnoreCase) || v.Contains("gums", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StoreFailuresAreCountedByStoreAndOperationAndTheBufferDepthIsObserved()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=2",
            ["Storage:RetryInitialDelay"] = "00:00:00.050",
        };
        await using var host = await BotHost.StartAsync(settings: settings);
        using var metrics = new MetricsRecorder(host.Services);

        await host.SendAsync(Message("what causes marrow failure?", NewConversation()));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (metrics.Sum("marrowbot.store.errors", ("store", "transcript"), ("operation", "write")) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        metrics.Observe();
        Assert.True(metrics.Sum("marrowbot.store.errors", ("store", "state"), ("operation", "read")) >= 1);
        Assert.True(metrics.Sum("marrowbot.store.errors", ("store", "transcript"), ("operation", "write")) >= 1);
        // With the store down the turn's three activities wait in memory or, once spilled, in the journal.
        var waiting = metrics.Of("marrowbot.transcript.buffer.depth").Last().Value + metrics.Of("marrowbot.journal.activities").Last().Value;
        Assert.True(waiting >= 3, "the turn's three activities wait in the buffer or the journal");
    }

    [Fact]
    public async Task TheJournalGaugesReportWhatTheJournalHolds()
    {
        await using var withJournal = await BotHost.StartAsync(services => services.AddSingleton<IJournalDepth>(new FixedJournal(7, 4096)));
        await using var without = await BotHost.StartAsync();
        using var journal = new MetricsRecorder(withJournal.Services);
        using var none = new MetricsRecorder(without.Services);

        journal.Observe();
        none.Observe();

        Assert.Equal([7.0], journal.Of("marrowbot.journal.activities").Select(m => m.Value));
        Assert.Equal([4096.0], journal.Of("marrowbot.journal.bytes").Select(m => m.Value));
        // The real host's own journal is empty while its store answers.
        Assert.Equal([0.0], none.Of("marrowbot.journal.activities").Select(m => m.Value));
        Assert.Single(none.Of("marrowbot.transcript.buffer.depth"));
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FixedJournal(long activities, long bytes) : IJournalDepth
    {
        public long JournalActivities => activities;

        public long JournalBytes => bytes;
    }
}

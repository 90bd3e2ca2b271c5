using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Extensions.Options;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The configured database unreachable, and bad storage settings.</summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task WithPostgresUnreachableTheHostIsHealthyAndTheSafetyReplyStillGoesOut()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Password=hunter2;Timeout=2",
            ["Storage:RetryInitialDelay"] = "00:00:00.050",
            ["Safety:EmergencyNumber"] = "999",
        };
        await using var host = await BotHost.StartAsync(settings: settings);
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var emergency = await host.SendAsync(Message("kiwi-3318 crushing chest pain", conversation));
        var question = await host.SendAsync(Message("what causes marrow failure?", conversation));
        using var health = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("emergency", (string)Outcome(emergency.Single())["triage"]!);
        Assert.Contains("999", (string)emergency.Single()["text"]!);
        Assert.Equal("answer", Kind(question.Last()));
        Assert.True(host.Services.GetRequiredService<TranscriptQueue>().Count + host.Services.GetRequiredService<TranscriptJournal>().JournalActivities > 0);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Storage Postgres is unavailable at start", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Conversation state read failed with StorageUnavailableException", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("kiwi", StringComparison.OrdinalIgnoreCase) || l.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreThatAcceptsConnectionsButNeverAnswersDelaysATurnOnlyUntilTheTimeoutThenFailsFast()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    held.Add(await silent.AcceptTcpClientAsync());
                }
                catch (Exception)
                {
                    return;
                }
            }
        });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = $"Host=127.0.0.1;Port={((IPEndPoint)silent.LocalEndpoint).Port};Username=postgres;Timeout=60",
            ["Storage:OperationTimeout"] = "00:00:00.500",
            ["Storage:FailFastPeriod"] = "00:01:00",
            ["Safety:EmergencyNumber"] = "999",
        };
        await using var host = await BotHost.StartAsync(settings: settings);

        var watch = Stopwatch.StartNew();
        var first = await host.SendAsync(Message("he's not breathing", "conv-silent"));
        var firstTook = watch.Elapsed;
        watch.Restart();
        var second = await host.SendAsync(Message("crushing chest pain", "conv-silent"));
        var secondTook = watch.Elapsed;

        Assert.Equal("emergency", (string)Outcome(first.Single())["triage"]!);
        Assert.Equal("emergency", (string)Outcome(second.Single())["triage"]!);
        Assert.True(firstTook < TimeSpan.FromSeconds(5), $"first turn took {firstTook}");
        Assert.True(secondTook < TimeSpan.FromSeconds(1), $"second turn took {secondTook}");
        silent.Stop();
        foreach (var client in held)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringStopsStartUpNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "postgres" }));

        Assert.Contains("Storage:PostgresConnectionString", error.Message);
    }

    [Fact]
    public async Task AMalformedConnectionStringStopsStartUpWithoutShowingIt()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = "Host=db;Password=hunter2;Colour=blue",
        }));

        Assert.Contains("Storage:PostgresConnectionString", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task AnUnknownProviderStopsStartUpNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "mongo" }));

        Assert.Contains("Storage:Provider", error.Message);
    }

    [Fact]
    public async Task ATooSmallBufferStopsStartUpNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:TranscriptBufferCapacity"] = "0" }));

        Assert.Contains("TranscriptBufferCapacity", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The transcript store failing, through the real host: turns are answered as if nothing were wrong, activities
/// wait in the buffer and are written in order when the store is back, and what did not fit is counted and logged
/// without any text.
/// </summary>
public sealed class TranscriptBufferingTests
{
    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["Storage:RetryInitialDelay"] = "00:00:00.010",
        ["Storage:RetryMaxDelay"] = "00:00:00.050",
        ["Storage:OperationTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task WhileTheStoreIsDownTurnsAreAnsweredAndTheTranscriptIsWrittenInOrderWhenItReturns()
    {
        var store = new FakeTranscriptStore { IsDown = true };
        await using var host = await BotHost.StartAsync(s => s.AddSingleton<ITranscriptStore>(store), QuickRetries);
        var conversation = NewConversation();

        var first = await host.SendAsync(Message("zebra-4471 what causes marrow failure?", conversation));
        var second = await host.SendAsync(Message("my gums won't stop bleeding", conversation));
        var third = await host.SendAsync(Message("thanks", conversation));
        await WaitUntilAsync(() => store.Failures >= 3);

        Assert.Equal(["welcome", "answer"], first.Select(Kind));
        Assert.Equal("urgent", (string)Outcome(second[0])["triage"]!);
        Assert.NotEmpty(third);
        Assert.Empty(store.Logged);
        var queue = host.Services.GetRequiredService<TranscriptQueue>();
        var journal = host.Services.GetRequiredService<TranscriptJournal>();
        Assert.Equal(3 + first.Count + second.Count + third.Count, queue.Count + journal.JournalActivities);

        store.IsDown = false;
        await host.FlushTranscriptsAsync();

        var logged = store.Logged;
        Assert.Equal(
            new[] { "user", "bot", "bot", "user" }.Concat(second.Select(_ => "bot")).Append("user").Concat(third.Select(_ => "bot")),
            logged.Select(a => a.From.Role));
        Assert.Equal(
            ["zebra-4471 what causes marrow failure?", "my gums won't stop bleeding", "thanks"],
            logged.Where(a => a.From.Role == RoleTypes.User).Select(a => ((IMessageActivity)a).Text));
        Assert.Equal(logged.Count, logged.Select(a => a.Id).Distinct().Count());
        Assert.Contains(host.Logs.Lines, l => l.Contains("The transcript store failed (IOException)", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("The transcript store answers again", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("zebra", StringComparison.OrdinalIgnoreCase) || l.Contains("gums", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AStoreThatFailsAFewTimesThenRecoversGetsEveryActivityOnce()
    {
        var store = new FakeTranscriptStore { FailuresLeft = 5 };
        await using var host = await BotHost.StartAsync(s => s.AddSingleton<ITranscriptStore>(store), QuickRetries);
        var conversation = NewConversation();

        var replies = 0;
        foreach (var text in new[] { "hello", "what is marrow failure", "is it genetic" })
        {
            replies += (await host.SendAsync(Message(text, conversation))).Count;
        }

        await host.FlushTranscriptsAsync();

        Assert.Equal(5, store.Failures);
        Assert.Equal(3 + replies, store.Logged.Count);
        Assert.Equal(["hello", "what is marrow failure", "is it genetic"], store.Logged.Where(a => a.From.Role == RoleTypes.User).Select(a => ((IMessageActivity)a).Text));
    }

    [Fact]
    public async Task WhenTheJournalIsAtItsBoundNewActivitiesAreLeftOutAndCountedButEscalationsAreKept()
    {
        var store = new FakeTranscriptStore { IsDown = true };
        var settings = new Dictionary<string, string?>(QuickRetries) { ["Storage:JournalMaxActivities"] = "10", ["Safety:EmergencyNumber"] = "999" };
        await using var host = await BotHost.StartAsync(s => s.AddSingleton<ITranscriptStore>(store), settings);
        var conversation = NewConversation();
        var queue = host.Services.GetRequiredService<TranscriptQueue>();
        var journal = host.Services.GetRequiredService<TranscriptJournal>();

        var sent = 0;
        for (var i = 0; i < 6; i++)
        {
            var replies = await host.SendAsync(Message($"okapi-{i} is it genetic", conversation));
            Assert.NotEmpty(replies);
            sent += 1 + replies.Count;
        }

        var emergency = await host.SendAsync(Message("okapi-7 he's not breathing", conversation));
        Assert.Equal("emergency", (string)Outcome(emergency.Single())["triage"]!);
        sent += 2;

        // Everything goes to the journal while the store is down; past its bound only the emergency reply is added.
        await WaitUntilAsync(() => queue.Count == 0 && journal.Dropped == sent - 11);
        Assert.Equal(11, journal.JournalActivities);
        Assert.Equal(1, journal.KeptPastBound);
        Assert.Equal(0, queue.Dropped);
        await WaitUntilAsync(() => host.Logs.Lines.Any(l => l.Contains("The transcript journal was at its bound", StringComparison.Ordinal) && l.Contains($"({sent - 11} since start)", StringComparison.Ordinal)));

        store.IsDown = false;
        await host.FlushTranscriptsAsync();
        Assert.Equal(11, store.Logged.Count);
        Assert.Equal("okapi-0 is it genetic", ((IMessageActivity)store.Logged[0]).Text);
        Assert.Contains("999", ((IMessageActivity)store.Logged[^1]).Text);
        Assert.Equal(0, journal.JournalActivities);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("okapi", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AStoreThatHangsNeverHoldsUpATurn()
    {
        var store = new HangingTranscriptStore();
        await using var host = await BotHost.StartAsync(s => s.AddSingleton<ITranscriptStore>(store), QuickRetries);
        var conversation = NewConversation();

        try
        {
            foreach (var text in new[] { "hello", "I have a fever of 39", "what is marrow failure" })
            {
                var turn = host.SendAsync(Message(text, conversation));
                Assert.Same(turn, await Task.WhenAny(turn, Task.Delay(TimeSpan.FromSeconds(10))));
                Assert.NotEmpty(await turn);
            }

            await WaitUntilAsync(() => store.Calls >= 2);
        }
        finally
        {
            store.Release();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the condition.");
            await Task.Delay(10);
        }
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    /// <summary>A store whose writes never finish until released: a database that accepts the connection and then says nothing.</summary>
    private sealed class HangingTranscriptStore : ITranscriptStore
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _release.TrySetResult();

        public Task LogActivityAsync(IActivity activity)
        {
            Interlocked.Increment(ref _calls);
            return _release.Task;
        }

        public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) =>
            throw new NotSupportedException();

        public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => throw new NotSupportedException();

        public Task DeleteTranscriptAsync(string channelId, string conversationId) => throw new NotSupportedException();
    }
}

using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The buffer turns add to without locks, and its one reader.</summary>
public sealed class TranscriptQueueTests
{
    [Fact]
    public async Task TurnsAddingAtOnceNeverExceedTheCapacityAndKeepEachTurnsOrder()
    {
        var queue = Queue(capacity: 5_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                queue.TryEnqueue(Record($"t{thread}", i));
            }
        })));

        Assert.Equal(5_000, queue.Count);
        Assert.Equal(3_000, queue.Dropped);
        var kept = queue.Peek(10_000);
        Assert.Equal(5_000, kept.Count);
        foreach (var thread in kept.GroupBy(r => r.ConversationId))
        {
            var order = thread.Select(r => int.Parse(r.ActivityId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    [Fact]
    public void TheFrontStaysUntilRemovedAndRemovingFreesRoom()
    {
        var queue = Queue(capacity: 3);
        for (var i = 0; i < 4; i++)
        {
            queue.TryEnqueue(Record("c", i));
        }

        Assert.Equal(["0", "1"], queue.Peek(2).Select(r => r.ActivityId));
        Assert.Equal(["0", "1"], queue.Peek(2).Select(r => r.ActivityId));
        queue.Remove(2);

        Assert.True(queue.TryEnqueue(Record("c", 9)));
        Assert.Equal(["2", "9"], queue.Peek(10).Select(r => r.ActivityId));
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void ATurnThatFindsTheBufferFullMakesRoomThroughTheSpillAndDropsNothing()
    {
        var queue = Queue(capacity: 3);
        var journal = new List<string>();
        queue.MakeRoom = () => queue.SpillTo(records => journal.AddRange(records.Select(r => r.ActivityId)));

        for (var i = 0; i < 7; i++)
        {
            Assert.True(queue.TryEnqueue(Record("c", i)));
        }

        Assert.Equal(0, queue.Dropped);
        Assert.Equal(["0", "1", "2", "3", "4", "5"], journal);
        Assert.Equal(["6"], queue.Peek(10).Select(r => r.ActivityId));
    }

    [Fact]
    public void AFullBufferWhoseSpillMovesNothingDropsAndCountsTheActivity()
    {
        // The writer's spill moves nothing when the journal fails (it logs that and keeps the buffer).
        var queue = Queue(capacity: 2);
        var asked = 0;
        queue.MakeRoom = () => asked++;
        queue.TryEnqueue(Record("c", 0));
        queue.TryEnqueue(Record("c", 1));

        Assert.False(queue.TryEnqueue(Record("c", 2)));
        Assert.Equal(1, asked);
        Assert.Equal(1, queue.Dropped);
        Assert.Equal(["0", "1"], queue.Peek(10).Select(r => r.ActivityId));
    }

    [Fact]
    public async Task AWaitingReaderWakesWhenSomethingIsAdded()
    {
        var queue = Queue(capacity: 10);
        var waiting = queue.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        queue.TryEnqueue(Record("c", 0));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(queue.WaitAsync(CancellationToken.None).IsCompleted);
    }

    private static TranscriptQueue Queue(int capacity) => new(Options.Create(new StorageOptions { TranscriptBufferCapacity = capacity }));

    private static TranscriptRecord Record(string conversation, int n) =>
        new("test", conversation, n.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, "user", "message", null, null, [], [], "{}");
}

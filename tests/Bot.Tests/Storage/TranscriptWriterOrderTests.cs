using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The writer on its own, with a real journal file: whatever moved to the journal is stored before anything that
/// reached the buffer after it, however the spill and the writer's batches interleave.
/// </summary>
public sealed class TranscriptWriterOrderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ActivitiesThatArriveWhileTheWriterGathersABatchAfterASpillAreStoredAfterTheSpilledOnes()
    {
        // A long batch delay: the writer wakes on the first activity and then waits to gather more. Meanwhile the
        // buffer reaches half its capacity and is spilled, and one more activity arrives behind the spill.
        var store = new FakeTranscriptStore();
        var (queue, writer, journal) = Build(store, new StorageOptions { TranscriptBufferCapacity = 8, TranscriptBatchSize = 200, TranscriptBatchDelay = TimeSpan.FromMilliseconds(800) });
        await writer.StartAsync(CancellationToken.None);
        try
        {
            queue.TryEnqueue(Record(0));
            await Task.Delay(100);
            for (var i = 1; i < 4; i++)
            {
                queue.TryEnqueue(Record(i));
            }

            await WaitUntilAsync(() => writer.Spilled == 4);
            queue.TryEnqueue(Record(4));

            Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(["a0", "a1", "a2", "a3", "a4"], store.Logged.Select(a => a.Id));
            Assert.Equal(0, journal.JournalActivities);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private (TranscriptQueue Queue, TranscriptWriter Writer, TranscriptJournal Journal) Build(FakeTranscriptStore store, StorageOptions storage)
    {
        var journalOptions = Options.Create(new TranscriptJournalOptions { JournalPath = Path.Combine(_folder, "transcripts.journal") });
        var journal = new TranscriptJournal(journalOptions.Value.JournalPath, journalOptions, NullLogger<TranscriptJournal>.Instance);
        var queue = new TranscriptQueue(Options.Create(storage));
        var writer = new TranscriptWriter(queue, store, journal, Options.Create(storage), journalOptions, NullLogger<TranscriptWriter>.Instance);
        return (queue, writer, journal);
    }

    private static TranscriptRecord Record(int i) => TranscriptRecord.From(new Activity(ActivityTypes.Message)
    {
        Id = $"a{i}",
        ChannelId = "test",
        Conversation = new ConversationAccount(id: "conv-1"),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Timestamp = new DateTimeOffset(2026, 12, 2, 10, 0, i, TimeSpan.Zero),
        Text = $"turn {i}",
    });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "timed out");
            await Task.Delay(10);
        }
    }
}

using MarrowBot.Bot.Tests.Support;
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
        var (queue, writer, journal) = WriterRig.Build(store, new StorageOptions { TranscriptBufferCapacity = 8, TranscriptBatchSize = 200, TranscriptBatchDelay = TimeSpan.FromMilliseconds(800) }, _folder);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            queue.TryEnqueue(WriterRig.Record(0));
            await Task.Delay(100);
            for (var i = 1; i < 4; i++)
            {
                queue.TryEnqueue(WriterRig.Record(i));
            }

            await WriterRig.WaitUntilAsync(() => writer.Spilled == 4);
            queue.TryEnqueue(WriterRig.Record(4));

            Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(["a0", "a1", "a2", "a3", "a4"], store.Logged.Select(a => a.Id));
            Assert.Equal(0, journal.JournalActivities);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}

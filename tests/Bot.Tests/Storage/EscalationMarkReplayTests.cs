using MarrowBot.Bot.Tests.Support;
using System.Collections.Concurrent;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// Escalation marks (fsynced before an urgent or emergency reply) reach the store with the writer's next batch, all
/// the marks waiting in one replay, instead of one replay and one truncation of the journal per mark; the marks of
/// a journal that holds nothing else never hold buffered activities back, and the journal still empties.
/// </summary>
public sealed class EscalationMarkReplayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-marks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task MarksRecordedWhileABatchGathersAreStoredTogetherWithItAndTheJournalEmpties()
    {
        // The batch window is wide (3 s) so that five fsynced marks fit inside it even on a loaded CI machine,
        // where 300 ms once let the batch go between the third mark and the fourth.
        var store = new CountingStore();
        var (queue, writer, journal) = WriterRig.Build(store, new StorageOptions { TranscriptBatchDelay = TimeSpan.FromSeconds(3) }, _folder);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            queue.TryEnqueue(WriterRig.Record(0));
            await Task.Delay(50);
            for (var i = 1; i <= 5; i++)
            {
                await journal.RecordEscalationsAsync([new EscalationMark("test", $"conv-{i}", TriageTier.Emergency, DateTimeOffset.UtcNow)]);
                queue.TryEnqueue(WriterRig.Record(i));
            }

            await WriterRig.WaitUntilAsync(() => !journal.HasPending && queue.Count == 0);

            Assert.Equal(["a0", "a1", "a2", "a3", "a4", "a5"], store.Logged.Select(r => r.ActivityId));
            var replay = Assert.Single(store.Replays);
            Assert.Equal(["conv-1", "conv-2", "conv-3", "conv-4", "conv-5"], replay.Select(m => m.ConversationId));
            Assert.Equal(0, journal.JournalBytes);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AMarkWithNothingElseToWriteIsStoredAfterTheBatchDelayAndAFlushWaitsForIt()
    {
        var store = new CountingStore();
        var (_, writer, journal) = WriterRig.Build(store, new StorageOptions { TranscriptBatchDelay = TimeSpan.FromMilliseconds(100) }, _folder);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await journal.RecordEscalationsAsync([new EscalationMark("test", "conv-alone", TriageTier.Urgent, DateTimeOffset.UtcNow)]);
            Assert.True(journal.HasPending);

            Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal("conv-alone", Assert.Single(Assert.Single(store.Replays)).ConversationId);
            Assert.False(journal.HasPending);
            Assert.Equal(0, journal.JournalBytes);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task MarksWaitingInTheJournalDoNotHoldBufferedActivitiesBack()
    {
        // The store takes activities but refuses marks for a while: activities keep flowing, the marks stay
        // journalled (on disk) until the store takes them, and then the journal empties.
        var store = new CountingStore { RefuseMarks = true };
        var (queue, writer, journal) = WriterRig.Build(store, new StorageOptions { TranscriptBatchDelay = TimeSpan.FromMilliseconds(20), RetryInitialDelay = TimeSpan.FromMilliseconds(20) }, _folder);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await journal.RecordEscalationsAsync([new EscalationMark("test", "conv-m", TriageTier.Emergency, DateTimeOffset.UtcNow)]);
            for (var i = 0; i < 3; i++)
            {
                queue.TryEnqueue(WriterRig.Record(i));
            }

            await WriterRig.WaitUntilAsync(() => store.Logged.Count == 3);
            Assert.True(journal.HasPending);
            Assert.False(journal.HasPendingActivities);

            store.RefuseMarks = false;
            Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("conv-m", Assert.Single(store.Replays.SelectMany(r => r)).ConversationId);
            Assert.Equal(0, journal.JournalBytes);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Keeps the records written and, per replay, the marks it was given.</summary>
    private sealed class CountingStore : ITranscriptBatchStore, IJournalReplayStore
    {
        private readonly ConcurrentQueue<TranscriptRecord> _logged = new();
        private readonly ConcurrentQueue<IReadOnlyList<EscalationMark>> _replays = new();

        public volatile bool RefuseMarks;

        public IReadOnlyList<TranscriptRecord> Logged => [.. _logged];

        public IReadOnlyList<IReadOnlyList<EscalationMark>> Replays => [.. _replays];

        public Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken)
        {
            foreach (var record in records)
            {
                _logged.Enqueue(record);
            }

            return Task.CompletedTask;
        }

        public async Task<int> ReplayAsync(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations, CancellationToken cancellationToken)
        {
            if (RefuseMarks && escalations.Count > 0)
            {
                throw new IOException("marks refused");
            }

            await LogRecordsAsync(records, cancellationToken);
            if (escalations.Count > 0)
            {
                _replays.Enqueue(escalations);
            }

            return records.Count;
        }

        public Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) =>
            LogRecordsAsync(activities.Select(TranscriptRecord.From).ToList(), cancellationToken);

        public Task LogActivityAsync(IActivity activity) => LogActivitiesAsync([activity], CancellationToken.None);

        public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) =>
            throw new NotSupportedException();

        public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => throw new NotSupportedException();

        public Task DeleteTranscriptAsync(string channelId, string conversationId) => throw new NotSupportedException();
    }
}

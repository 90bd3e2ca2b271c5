using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Moves activities from the <see cref="TranscriptQueue"/> to the transcript store in batches, in order, waiting a
/// moment after the first arrives so that a batch gathers several turns. When the store fails, or a write goes
/// unanswered for <see cref="TranscriptJournalOptions.JournalSpillAfter"/>, or the buffer is half full, everything
/// buffered is moved to the <see cref="TranscriptJournal"/> (fsynced) and, while the store stays down, whatever
/// arrives after it; the journal is replayed to the store in order, with a doubling delay between failed attempts,
/// before anything newer is written, and also at the next start. Escalation marks (written to the journal before
/// urgent and emergency replies) are stored after the next batch, all those waiting in one transaction, or after
/// the batch delay when nothing else arrives; they only raise a conversation's tier, so they hold no buffered
/// activity back. Stopping writes what is buffered to the store or,
/// if the store does not answer within the stop budget, to the journal. Logs say how many activities were waiting,
/// written, journalled or dropped, and the failure's type; never their content.
/// </summary>
public sealed partial class TranscriptWriter(
    TranscriptQueue queue,
    ITranscriptStore store,
    TranscriptJournal journal,
    IOptions<StorageOptions> options,
    IOptions<TranscriptJournalOptions> journalOptions,
    ILogger<TranscriptWriter> logger) : BackgroundService
{
    /// <summary>How long a stopping host tries the store before it moves what is left to the journal.</summary>
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often the buffer is checked for a reason to spill: a tenth of what a full default buffer lasts at 490 turns/s.</summary>
    private static readonly TimeSpan SpillCheckInterval = TimeSpan.FromMilliseconds(50);

    private long _written;
    private long _spilled;
    private long _droppedReported;
    private long _journalDroppedReported;
    private long _writeStartedAt;
    private volatile bool _failing;
    private volatile bool _journalFailing;
    private volatile bool _spilling;
    private (long Offset, int Done) _replayProgress = (-1, 0);
    private volatile TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Activities stored since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Activities moved from the buffer to the journal since start.</summary>
    public long Spilled => Interlocked.Read(ref _spilled);

    /// <summary>Whether the last write failed (activities wait in the buffer or the journal until the store answers).</summary>
    public bool IsFailing => _failing;

    /// <summary>Whether the last attempt to write the journal failed (activities then wait in memory only).</summary>
    public bool IsJournalFailing => _journalFailing;

    /// <summary>Waits until everything queued or journalled so far is stored, or <paramref name="timeout"/> passes; true if both emptied.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (queue.Count > 0 || journal.HasPending)
        {
            _flushRequested.TrySetResult();
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(1, cancellationToken);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // reading a large journal must not hold up the host's start
        var settings = options.Value;
        OpenJournal();

        // A turn that finds the buffer full spills it at once rather than drop its activity: under overload the
        // spill loop's next look can come too late (ADR 0013, addendum).
        queue.MakeRoom = () => Spill(settings);
        var spilling = SpillLoopAsync(settings, stoppingToken);
        var delay = settings.RetryInitialDelay;
        var failedSince = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (journal.HasPendingActivities)
                {
                    // The activities the journal holds are older than anything buffered: they go first, in order,
                    // with any escalation marks journalled between them.
                    await ReplayOneAsync(settings, () => Recovered(failedSince), stoppingToken);
                    delay = settings.RetryInitialDelay;
                    continue;
                }

                await WaitForWorkAsync(stoppingToken);
                if (journal.HasPendingActivities)
                {
                    continue;
                }

                if (!_failing && queue.Count < settings.TranscriptBatchSize && settings.TranscriptBatchDelay > TimeSpan.Zero)
                {
                    // Let the batch gather; a flush (tests, the benchmark) cuts the wait short.
                    await Task.WhenAny(Task.Delay(settings.TranscriptBatchDelay, stoppingToken), _flushRequested.Task);
                    stoppingToken.ThrowIfCancellationRequested();
                    if (_flushRequested.Task.IsCompleted)
                    {
                        _flushRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                await WriteBatchAsync(settings, () => Recovered(failedSince), stoppingToken);
                await ReplayMarksAsync(settings, () => Recovered(failedSince), stoppingToken);

                delay = settings.RetryInitialDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!_failing)
                {
                    _failing = true;
                    failedSince = DateTime.UtcNow;
                    LogStoreFailing(logger, StorageCircuit.Describe(ex), queue.Count, queue.Capacity, journal.FilePath);
                }

                ReportDropped();
                try
                {
                    await Task.Delay(Jitter(delay), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.RetryMaxDelay.Ticks));
            }

            ReportDropped();
        }

        await spilling;
        await FinalFlushAsync(settings);
    }

    private void OpenJournal()
    {
        try
        {
            var (activities, escalations) = journal.Open();
            if (activities + escalations > 0)
            {
                LogJournalFound(logger, activities, escalations, journal.FilePath);
            }
        }
        catch (Exception ex)
        {
            _journalFailing = true;
            LogJournalFailed(logger, ex.GetType().Name, journal.FilePath);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        if (queue.Count > 0 || journal.HasPending)
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(queue.WaitAsync(either.Token), journal.WaitPendingAsync(either.Token));
        await either.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Logged before the written activities leave the queue, so whoever waits for an empty queue sees it.</summary>
    private void Recovered(DateTime failedSince)
    {
        if (_failing)
        {
            _failing = false;
            LogRecovered(logger, (DateTime.UtcNow - failedSince).TotalSeconds, queue.Count, journal.JournalActivities);
        }
    }

    private async Task WriteBatchAsync(StorageOptions settings, Action stored, CancellationToken cancellationToken)
    {
        var batch = queue.Peek(settings.TranscriptBatchSize, out var epoch);
        if (batch.Count == 0 || journal.HasPendingActivities)
        {
            // Checked after the peek: a spill that came before it put older activities in the journal, and those are
            // stored first (the loop replays them); a spill after it includes this batch, and the replay skips what
            // this write stores. Escalation marks alone do not hold the batch back (ReplayMarksAsync).
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.OperationTimeout * 2);
        Interlocked.Exchange(ref _writeStartedAt, Environment.TickCount64);
        try
        {
            if (store is ITranscriptBatchStore batches)
            {
                await batches.LogRecordsAsync(batch, timeout.Token);
                stored();
                queue.Remove(batch.Count, epoch);
                Interlocked.Add(ref _written, batch.Count);
                return;
            }

            // A store that writes one activity at a time. Each is removed once stored, so a retry does not repeat it.
            // Such a store takes no cancellation token: a call that hangs is abandoned at the timeout and tried again
            // (a store that was only slow may then hold that activity twice).
            foreach (var record in batch)
            {
                await store.LogActivityAsync(TranscriptRecord.Parse(record.Json)).WaitAsync(timeout.Token);
                stored();
                Interlocked.Increment(ref _written);
                if (!queue.Remove(1, epoch))
                {
                    return; // the rest went to the journal meanwhile
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _writeStartedAt, 0);
        }
    }

    /// <summary>Stores the journal's oldest record; it leaves the journal only once the store has it (<paramref name="stored"/> is called just before).</summary>
    private async Task ReplayOneAsync(StorageOptions settings, Action stored, CancellationToken cancellationToken)
    {
        var batch = journal.ReadOldest();
        if (batch is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.OperationTimeout * 2);
        Interlocked.Exchange(ref _writeStartedAt, Environment.TickCount64);
        try
        {
            switch (store)
            {
                case IJournalReplayStore replay:
                    Interlocked.Add(ref _written, await replay.ReplayAsync(batch.Records, batch.Escalations, timeout.Token));
                    break;
                case ITranscriptBatchStore batches:
                    // No way to tell what such a store already holds: a write that timed out but committed is repeated.
                    await batches.LogRecordsAsync(batch.Records, timeout.Token);
                    Interlocked.Add(ref _written, batch.Records.Count);
                    break;
                default:
                    // One at a time, resuming after the last one stored if an earlier attempt at this record failed part way.
                    var done = _replayProgress.Offset == batch.Offset ? _replayProgress.Done : 0;
                    for (var i = done; i < batch.Records.Count; i++)
                    {
                        await store.LogActivityAsync(TranscriptRecord.Parse(batch.Records[i].Json)).WaitAsync(timeout.Token);
                        _replayProgress = (batch.Offset, i + 1);
                        Interlocked.Increment(ref _written);
                    }

                    break;
            }
        }
        finally
        {
            Interlocked.Exchange(ref _writeStartedAt, 0);
        }

        stored();
        journal.Complete(batch);
    }

    /// <summary>
    /// Stores the escalation marks waiting in a journal that holds nothing else, all in one transaction, then lets
    /// them leave the journal (which is then truncated). Marks only raise a conversation's stored tier, so storing
    /// them after activities buffered later changes nothing; one replay and one truncation per batch replace one
    /// of each per urgent or emergency reply. A store that cannot take marks (no <see cref="IJournalReplayStore"/>)
    /// has the tier from the reply's own record only, as with a replay.
    /// </summary>
    private async Task ReplayMarksAsync(StorageOptions settings, Action stored, CancellationToken cancellationToken)
    {
        if (journal.ReadMarks() is not { } marks)
        {
            return;
        }

        if (store is IJournalReplayStore replay)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.OperationTimeout * 2);
            Interlocked.Exchange(ref _writeStartedAt, Environment.TickCount64);
            try
            {
                await replay.ReplayAsync([], marks.Escalations, timeout.Token);
            }
            finally
            {
                Interlocked.Exchange(ref _writeStartedAt, 0);
            }
        }

        stored();
        journal.CompleteMarks(marks);
    }

    /// <summary>Moves the buffer to the journal while the store fails or is slow, or when the buffer is half full.</summary>
    private async Task SpillLoopAsync(StorageOptions settings, CancellationToken stoppingToken)
    {
        var spillAfter = (long)journalOptions.Value.JournalSpillAfter.TotalMilliseconds;
        using var timer = new PeriodicTimer(SpillCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var started = Interlocked.Read(ref _writeStartedAt);
                var slow = started != 0 && Environment.TickCount64 - started > spillAfter;
                if (queue.Count > 0 && (_failing || slow || queue.Count >= queue.Capacity / 2))
                {
                    Spill(settings);
                }
                else if (_spilling && queue.Count == 0 && !_failing && !journal.HasPending)
                {
                    _spilling = false;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Moves everything buffered to the journal; on failure it stays in the buffer.</summary>
    private int Spill(StorageOptions settings)
    {
        try
        {
            var moved = queue.SpillTo(records => journal.Append(records, settings.TranscriptBatchSize));
            Interlocked.Add(ref _spilled, moved);
            if (_journalFailing)
            {
                _journalFailing = false;
                LogJournalRecovered(logger, journal.FilePath);
            }

            if (moved > 0 && !_spilling)
            {
                _spilling = true;
                LogSpilling(logger, moved, journal.FilePath);
            }

            ReportDropped();
            return moved;
        }
        catch (Exception ex)
        {
            if (!_journalFailing)
            {
                _journalFailing = true;
                LogJournalFailed(logger, ex.GetType().Name, journal.FilePath);
            }

            return 0;
        }
    }

    private async Task FinalFlushAsync(StorageOptions settings)
    {
        using var deadline = new CancellationTokenSource(FinalFlushTimeout);
        try
        {
            while (queue.Count > 0 || journal.HasPending)
            {
                if (journal.HasPending)
                {
                    await ReplayOneAsync(settings, () => { }, deadline.Token);
                }
                else
                {
                    await WriteBatchAsync(settings, () => { }, deadline.Token);
                }
            }
        }
        catch (Exception ex)
        {
            var pending = queue.Count;
            var kept = Spill(settings);
            if (kept < pending)
            {
                LogUnflushed(logger, queue.Count, StorageCircuit.Describe(ex));
            }

            LogStoppedWithJournal(logger, journal.JournalActivities, journal.FilePath, StorageCircuit.Describe(ex));
        }

        ReportDropped();
    }

    private void ReportDropped()
    {
        var dropped = queue.Dropped;
        var reported = Interlocked.Exchange(ref _droppedReported, dropped);
        if (dropped > reported)
        {
            LogDropped(logger, dropped - reported, dropped, queue.Capacity);
        }

        var left = journal.Dropped;
        var leftReported = Interlocked.Exchange(ref _journalDroppedReported, left);
        if (left > leftReported)
        {
            var bounds = journalOptions.Value;
            LogJournalFull(logger, left - leftReported, left, bounds.JournalMaxActivities, bounds.JournalMaxBytes, journal.KeptPastBound);
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript store failed ({Failure}); buffering {Pending} activities (capacity {Capacity}), moving them to the journal {JournalPath} and retrying")]
    private static partial void LogStoreFailing(ILogger logger, string failure, int pending, int capacity, string journalPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "The transcript store answers again after {Seconds:0.0} s; buffered activities written, {Pending} waiting in memory and {Journalled} in the journal")]
    private static partial void LogRecovered(ILogger logger, double seconds, int pending, long journalled);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript buffer was full: {Dropped} activities dropped ({TotalDropped} since start, capacity {Capacity})")]
    private static partial void LogDropped(ILogger logger, long dropped, long totalDropped, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript journal was at its bound ({MaxActivities} activities or {MaxBytes} bytes): {Dropped} activities left out ({TotalDropped} since start); escalation records are still kept ({KeptPastBound} past the bound since start)")]
    private static partial void LogJournalFull(ILogger logger, long dropped, long totalDropped, int maxActivities, long maxBytes, long keptPastBound);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transcript store is slow or down: {Count} buffered activities moved to the journal {JournalPath}; later ones follow until the store answers")]
    private static partial void LogSpilling(ILogger logger, int count, string journalPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "The transcript journal {JournalPath} holds {Activities} activities and {Escalations} escalation marks from before; replaying them to the store")]
    private static partial void LogJournalFound(ILogger logger, long activities, long escalations, string journalPath);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript journal {JournalPath} cannot be written ({ExceptionType}); activities stay in memory only")]
    private static partial void LogJournalFailed(ILogger logger, string exceptionType, string journalPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "The transcript journal {JournalPath} can be written again")]
    private static partial void LogJournalRecovered(ILogger logger, string journalPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Activities} activities in the transcript journal {JournalPath} for the next start (the store did not answer: {Failure})")]
    private static partial void LogStoppedWithJournal(ILogger logger, long activities, string journalPath, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Pending} activities not stored ({Failure})")]
    private static partial void LogUnflushed(ILogger logger, int pending, string failure);
}

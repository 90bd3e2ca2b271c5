using MarrowBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Moves activities from the <see cref="TranscriptQueue"/> to the transcript store in batches, in order, waiting a
/// moment after the first arrives so that a batch gathers several turns. While the
/// store fails it retries the same batch with a doubling delay (the buffer fills meanwhile, and what does not fit is
/// dropped and counted); when the store answers again it flushes what was buffered. Logs say how many activities
/// were waiting, written or dropped, and the failure's type; never their content.
/// </summary>
public sealed partial class TranscriptWriter(
    TranscriptQueue queue,
    ITranscriptStore store,
    IOptions<StorageOptions> options,
    ILogger<TranscriptWriter> logger) : BackgroundService
{
    /// <summary>How long a stopping host waits for the last activities to be stored.</summary>
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    private long _written;
    private long _droppedReported;
    private volatile bool _failing;
    private volatile TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Activities stored since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Whether the last write failed (the buffer is holding activities until the store answers).</summary>
    public bool IsFailing => _failing;

    /// <summary>Waits until everything queued so far is stored, or <paramref name="timeout"/> passes; true if the queue emptied.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (queue.Count > 0)
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
        var settings = options.Value;
        var delay = settings.RetryInitialDelay;
        var failedSince = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.WaitAsync(stoppingToken);
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
                    LogStoreFailing(logger, StorageCircuit.Describe(ex), queue.Count, queue.Capacity);
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

        await FinalFlushAsync(settings);
    }

    /// <summary>Logged before the written activities leave the queue, so whoever waits for an empty queue sees it.</summary>
    private void Recovered(DateTime failedSince)
    {
        if (_failing)
        {
            _failing = false;
            LogRecovered(logger, (DateTime.UtcNow - failedSince).TotalSeconds, queue.Count);
        }
    }

    private async Task WriteBatchAsync(StorageOptions settings, Action stored, CancellationToken cancellationToken)
    {
        var batch = queue.Peek(settings.TranscriptBatchSize);
        if (batch.Count == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.OperationTimeout * 2);
        if (store is ITranscriptBatchStore batches)
        {
            await batches.LogRecordsAsync(batch, timeout.Token);
            stored();
            queue.Remove(batch.Count);
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
            queue.Remove(1);
            Interlocked.Increment(ref _written);
        }
    }

    private async Task FinalFlushAsync(StorageOptions settings)
    {
        using var deadline = new CancellationTokenSource(FinalFlushTimeout);
        try
        {
            while (queue.Count > 0)
            {
                await WriteBatchAsync(settings, () => { }, deadline.Token);
            }
        }
        catch (Exception ex)
        {
            LogUnflushed(logger, queue.Count, StorageCircuit.Describe(ex));
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
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript store failed ({Failure}); buffering {Pending} activities (capacity {Capacity}) and retrying")]
    private static partial void LogStoreFailing(ILogger logger, string failure, int pending, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "The transcript store answers again after {Seconds:0.0} s; buffered activities written, {Pending} waiting")]
    private static partial void LogRecovered(ILogger logger, double seconds, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript buffer was full: {Dropped} activities dropped ({TotalDropped} since start, capacity {Capacity})")]
    private static partial void LogDropped(ILogger logger, long dropped, long totalDropped, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Pending} activities not stored ({Failure})")]
    private static partial void LogUnflushed(ILogger logger, int pending, string failure);
}

using System.Data.Common;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Keeps a turn from waiting on a store that is down: each operation is bounded by the operation timeout, and after
/// a failure every operation fails at once for the fail-fast period before the store is tried again. A failure is
/// logged once when it starts (exception type and SQL state only) and once when the store answers again.
/// ETag conflicts are answers, not failures.
/// </summary>
public sealed partial class StorageCircuit(StorageOptions options, string store, ILogger logger)
{
    private long _openUntil;
    private int _failing;

    /// <summary>Whether operations currently fail at once.</summary>
    public bool IsOpen => Environment.TickCount64 < Interlocked.Read(ref _openUntil);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            throw new StorageUnavailableException("The store failed a moment ago; failing at once until it is tried again.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OperationTimeout);
        Task<T>? running = null;
        try
        {
            // The wait is bounded even if the operation does not honour its token (a driver blocked in native
            // code): it then goes on in the background, its outcome observed and dropped.
            running = operation(timeout.Token);
            var result = await running.WaitAsync(options.OperationTimeout, cancellationToken);
            Recovered();
            return result;
        }
        catch (ETagConflictException)
        {
            Recovered();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (ex is TimeoutException && running is { IsCompleted: false })
            {
                _ = running.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            Failed(ex);
            throw new StorageUnavailableException("The store could not be reached or did not answer in time.", ex);
        }
    }

    /// <summary>The SQL state of a database error (e.g. 57P01), or the exception type: safe to log, never content.</summary>
    public static string Describe(Exception exception) =>
        exception is DbException { SqlState: { Length: > 0 } state } ? $"{exception.GetType().Name} {state}" : exception.GetType().Name;

    private void Failed(Exception exception)
    {
        Interlocked.Exchange(ref _openUntil, Environment.TickCount64 + (long)options.FailFastPeriod.TotalMilliseconds);
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            LogUnavailable(logger, store, Describe(exception), options.FailFastPeriod.TotalSeconds);
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogRecovered(logger, store);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Store} store failed ({Failure}); its operations fail at once for {Seconds} s at a time until it answers")]
    private static partial void LogUnavailable(ILogger logger, string store, string failure, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Store} store answers again")]
    private static partial void LogRecovered(ILogger logger, string store);
}

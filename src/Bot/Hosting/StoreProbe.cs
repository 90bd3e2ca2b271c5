using MarrowBot.Bot.Storage;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// Whether the database answers a read (its schema version) within <see cref="Timeout"/>. The answer is kept for
/// <see cref="CacheFor"/>, so a load balancer polling every instance often costs the store one query a second.
/// </summary>
public sealed partial class StoreProbe(IStorageDatabase database, ILogger<StoreProbe> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long At, bool Up)? _last;

    public StorageProvider Provider => database.Provider;

    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (_last is { } known && Environment.TickCount64 - known.At < (long)CacheFor.TotalMilliseconds)
        {
            return known.Up;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is not { } current || Environment.TickCount64 - current.At >= (long)CacheFor.TotalMilliseconds)
            {
                bool up;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(Timeout);
                    await database.SchemaVersionAsync(timeout.Token).WaitAsync(timeout.Token);
                    up = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    up = false;
                    LogDown(logger, StorageCircuit.Describe(ex));
                }

                _last = (Environment.TickCount64, up);
            }

            return _last.Value.Up;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The readiness probe's read failed ({Failure})")]
    private static partial void LogDown(ILogger logger, string failure);
}

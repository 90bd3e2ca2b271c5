using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Applies the schema migrations when the host starts, in the background: the bot serves (and /healthz answers)
/// even if the store is down, because safety never waits on storage. Until the store answers, this retries with a
/// doubling delay; the stores also migrate on first use, so whichever comes first wins.
/// </summary>
public sealed partial class StorageStartup(IStorageDatabase database, IOptions<StorageOptions> options, ILogger<StorageStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.RetryInitialDelay;
        var attempts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(options.Value.OperationTimeout * 2);
                await database.EnsureSchemaAsync(timeout.Token);
                LogReady(logger, database.Provider, await database.SchemaVersionAsync(timeout.Token));
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (attempts++ == 0)
                {
                    LogUnavailable(logger, database.Provider, StorageCircuit.Describe(ex));
                }
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.RetryMaxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage {Provider} ready at schema version {Version}")]
    private static partial void LogReady(ILogger logger, StorageProvider provider, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage {Provider} is unavailable at start ({Failure}); the bot answers without remembering conversations and buffers transcripts until it is reachable")]
    private static partial void LogUnavailable(ILogger logger, StorageProvider provider, string failure);
}

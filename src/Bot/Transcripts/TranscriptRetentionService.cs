using MarrowBot.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The background job that keeps transcripts only as long as the deployment allows ("Storage:RetentionDays"): it
/// sweeps shortly after start and then every "Storage:RetentionSweepInterval". A failed sweep is logged and tried
/// again at the next interval.
/// </summary>
public sealed partial class TranscriptRetentionService(ITranscriptRetention retention, IOptions<StorageOptions> options, TimeProvider clock, ILogger<TranscriptRetentionService> logger) : BackgroundService
{
    /// <summary>Runs one sweep now; returns the rows removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var removed = await retention.PurgeOlderThanAsync(cutoff, cancellationToken);
        LogSwept(logger, removed, options.Value.RetentionDays);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex.GetType().Name);
                }

                await Task.Delay(options.Value.RetentionSweepInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep removed {Rows} rows older than {Days} days")]
    private static partial void LogSwept(ILogger logger, int rows, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed with {ExceptionType}; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Improvement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// Keeps this instance on the shared overlay (ADR 0029, addendum): every <c>Knowledge:OverlayPollSeconds</c> it reads
/// the store's overlay version and, when it differs from the one this instance last read (at start or in a
/// retrain), asks <see cref="RetrainService"/> for a retrain as "overlay-changed", which runs the same gate. So an
/// editor's addition on another instance is retrained here too, and a candidate the gate accepted there is accepted
/// here (same data, same gate) and swapped in.
/// </summary>
public sealed partial class OverlayWatcher(IOverlayStore store, LiveKnowledge live, RetrainService retrains, IOptions<KnowledgeOptions> options, TimeProvider clock, ILogger<OverlayWatcher> logger) : BackgroundService
{
    public const string RequestedBy = "overlay-changed";

    private bool _unreachable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.OverlayPollSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One check: queues a retrain when the store's version is not the one this instance last read and none is running.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        long version;
        try
        {
            version = await store.VersionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_unreachable)
            {
                LogUnreachable(logger, ex.GetType().Name);
                _unreachable = true;
            }

            return;
        }

        _unreachable = false;

        // A running retrain reads the version itself; asking now would queue a second run for the same change.
        if (version != live.OverlayVersion && !retrains.IsRunning && retrains.Request(RequestedBy))
        {
            LogChanged(logger, live.OverlayVersion, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored overlay changed (version {Seen} to {Version}); retraining through the gate")]
    private static partial void LogChanged(ILogger logger, long? seen, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overlay version could not be read from the store ({ExceptionType}); trying again at the next check")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);
}

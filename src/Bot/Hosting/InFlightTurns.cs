using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// Counts the turns in progress, so that a stopping host lets them finish (and their replies go out) before the
/// transcript writer's last flush. Kestrel already waits for the HTTP requests in progress; this also covers turns
/// that run outside a request (the local Direct Line channel's). Registered after the transcript writer, it is
/// stopped before it. It waits as long as the host's shutdown timeout allows.
/// </summary>
public sealed partial class InFlightTurns(ILogger<InFlightTurns> logger) : Microsoft.Bot.Builder.IMiddleware, IHostedService
{
    private int _count;
    private TaskCompletionSource? _idle;

    /// <summary>Turns in progress now.</summary>
    public int Count => Volatile.Read(ref _count);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                Volatile.Read(ref _idle)?.TrySetResult();
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _idle, idle); // a full fence: a turn that ends after the count below is read sees it
        var waiting = Count;
        if (waiting == 0)
        {
            return;
        }

        LogWaiting(logger, waiting);
        try
        {
            await idle.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting for {Count} turns in progress to finish")]
    private static partial void LogWaiting(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} turns still in progress (the shutdown timeout passed)")]
    private static partial void LogAbandoned(ILogger logger, int count);
}

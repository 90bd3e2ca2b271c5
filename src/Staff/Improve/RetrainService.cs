using System.Text.Json;
using System.Threading.Channels;
using MarrowBot.Knowledge.Improvement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// Runs retrains in the background, one at a time (ADR 0029). A request while one runs waits as the single next
/// run; more requests meanwhile join that one (coalesced), since it reads the overlay as it is when it starts. Each
/// run is recorded in <see cref="IImprovementRuns"/> with its figures and outcome.
/// </summary>
/// <param name="retrainer">Gives the retrainer on the first run, so that building it (the held-out sets, triage) is not paid at start.</param>
public sealed partial class RetrainService(Func<IKnowledgeRetrainer> retrainer, IImprovementRuns runs, TimeProvider clock, ILogger<RetrainService> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;
    private int _running;
    private int _completed;

    /// <summary>Whether a retrain is running now.</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>How many runs have finished since start (for tests and the page).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Asks for a retrain; false when one was already waiting, which this request joins.</summary>
    public bool Request(string requestedBy)
    {
        // At most one request waits: the first one since the last run started queues it, the rest join it.
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return false;
        }

        _requests.Writer.TryWrite(requestedBy);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var requestedBy in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                Volatile.Write(ref _running, 1);
                Volatile.Write(ref _pending, 0);
                try
                {
                    await RunOnceAsync(requestedBy, stoppingToken);
                }
                finally
                {
                    Volatile.Write(ref _running, 0);
                    Interlocked.Increment(ref _completed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(string requestedBy, CancellationToken stoppingToken)
    {
        long id;
        try
        {
            id = await runs.StartAsync(requestedBy, clock.GetUtcNow(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(logger, ex.GetType().Name);
            return;
        }

        ImprovementRunResult result;
        try
        {
            var outcome = await Task.Run(() => retrainer().Run(), stoppingToken);
            result = new ImprovementRunResult(
                outcome.Decision.Accepted ? ImprovementOutcomes.Accepted : ImprovementOutcomes.Rejected,
                outcome.Decision.Reason,
                outcome.Before is null ? null : JsonSerializer.Serialize(outcome.Before, Json),
                outcome.After is null ? null : JsonSerializer.Serialize(outcome.After, Json));
            LogFinished(logger, id, result.Outcome, (long)outcome.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's type only: a message could quote content.
            result = new ImprovementRunResult(ImprovementOutcomes.Failed, $"The retrain failed ({ex.GetType().Name}); the current model is kept.", null, null);
            LogFailed(logger, id, ex.GetType().Name);
        }

        await runs.FinishAsync(id, result, clock.GetUtcNow(), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain run {RunId} finished: {Outcome} in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, long runId, string outcome, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retrain run {RunId} failed: {ExceptionType}; the current model is kept")]
    private static partial void LogFailed(ILogger logger, long runId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "A retrain could not be recorded in the store ({ExceptionType}); it did not run")]
    private static partial void LogNotRecorded(ILogger logger, string exceptionType);
}

using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// <c>/healthz/live</c>: 200 while the process serves. <c>/healthz/ready</c>: 200 once the knowledge is loaded, 503
/// while starting or stopping; the JSON says whether the store answers, whether transcript writes fail, and how
/// many activities wait in memory and in the journal. A store that is down does not make the instance unready: the
/// bot still answers and triages without it, and the journal keeps the transcripts, so taking it out of a load
/// balancer would only take safety replies away (ADR 0013); the status is then "degraded". <c>/healthz</c> answers
/// as before.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/healthz/ready", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        Readiness readiness,
        IHostApplicationLifetime lifetime,
        StoreProbe probe,
        TranscriptWriter writer,
        TranscriptQueue queue,
        TranscriptJournal journal,
        CancellationToken cancellationToken)
    {
        var storeUp = await probe.AnswersAsync(cancellationToken);
        var writesFailing = writer.IsFailing;
        var status = lifetime.ApplicationStopping.IsCancellationRequested ? "stopping"
            : !readiness.IsReady ? "starting"
            : !storeUp || writesFailing || writer.IsJournalFailing ? "degraded"
            : "ready";
        var body = new
        {
            status,
            knowledge = readiness.IsReady ? "loaded" : "loading",
            store = new
            {
                provider = probe.Provider.ToString().ToLowerInvariant(),
                status = storeUp ? "up" : "down",
                transcriptWrites = writesFailing ? "failing" : "ok",
            },
            transcripts = new
            {
                buffered = queue.Count,
                bufferCapacity = queue.Capacity,
                bufferDropped = queue.Dropped,
                journalActivities = journal.JournalActivities,
                journalBytes = journal.JournalBytes,
                journalDropped = journal.Dropped,
                journalWritable = !writer.IsJournalFailing,
            },
        };
        return status is "ready" or "degraded" ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Bot Builder's <see cref="TranscriptLoggerMiddleware"/> with a cheaper snapshot. It records what the SDK's records,
/// when the SDK records it: the incoming activity (its sender marked "user" when it has no role; a skill's
/// continueConversation event left out), every activity sent once it is sent, updates as messageUpdate and
/// deletions as messageDelete, each given an id and a timestamp when it has none, and all of them handed to the
/// <see cref="ITranscriptLogger"/> in order when the turn ends (also when it fails; anything sent after that, such
/// as the turn-error apology, is handed over at once). The difference is the copy: the SDK's sealed
/// <c>OnTurnAsync</c> deep-copies each activity by a JSON round trip, which cost a fifth of a turn's CPU; this takes
/// a shallow copy (<see cref="ActivityCopy"/>), which is enough because the logger serialises what it keeps before
/// returning (<see cref="BufferedTranscriptLogger"/>). It re-implements Bot Builder's <c>IMiddleware</c> so the
/// pipeline calls this method; it is still a TranscriptLoggerMiddleware to anything that looks for one (ADR 0008).
/// Before an urgent or emergency reply is sent, the <see cref="EscalationRecorder"/> (when given) puts the
/// conversation's escalation on disk (ADR 0013).
/// </summary>
public sealed class SnapshotTranscriptLoggerMiddleware(BufferedTranscriptLogger logger, EscalationRecorder? escalations = null) : TranscriptLoggerMiddleware(logger), Microsoft.Bot.Builder.IMiddleware
{
    /// <inheritdoc cref="TranscriptLoggerMiddleware.OnTurnAsync"/>
    public new async Task OnTurnAsync(ITurnContext turnContext, NextDelegate nextTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turn = new TurnTranscript(logger);
        if (turnContext.Activity is { } incoming && !IsContinueConversation(incoming))
        {
            incoming.From ??= new ChannelAccount();
            if (string.IsNullOrEmpty(incoming.From.Role))
            {
                incoming.From.Role = RoleTypes.User;
            }

            turn.Add(incoming);
        }

        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            if (escalations is not null)
            {
                await escalations.BeforeSendAsync(context, activities).ConfigureAwait(false);
            }

            var responses = await nextSend().ConfigureAwait(false);
            foreach (var activity in activities)
            {
                turn.Add(activity);
            }

            return responses;
        });
        turnContext.OnUpdateActivity(async (_, activity, nextUpdate) =>
        {
            var response = await nextUpdate().ConfigureAwait(false);
            turn.Add(activity, ActivityTypes.MessageUpdate);
            return response;
        });
        turnContext.OnDeleteActivity(async (_, reference, nextDelete) =>
        {
            await nextDelete().ConfigureAwait(false);
            turn.Add(new Activity(ActivityTypes.MessageDelete) { Id = reference.ActivityId }.ApplyConversationReference(reference, isIncoming: false));
        });

        try
        {
            await nextTurn(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await turn.FlushAsync().ConfigureAwait(false);
        }
    }

    private static bool IsContinueConversation(Activity activity) =>
        activity.Type == ActivityTypes.Event && activity.Name == ActivityEventNames.ContinueConversation;

    /// <summary>One turn's snapshots, in the order they happened, until the turn ends.</summary>
    private sealed class TurnTranscript(BufferedTranscriptLogger logger)
    {
        private readonly List<Activity> _pending = [];
        private readonly Lock _gate = new();
        private bool _flushed;

        public void Add(IActivity activity, string? asType = null)
        {
            var snapshot = ActivityCopy.Shallow(activity);
            snapshot.Type = asType ?? snapshot.Type;
            snapshot.Timestamp ??= DateTimeOffset.UtcNow;
            if (string.IsNullOrEmpty(snapshot.Id))
            {
                snapshot.Id = "g_" + Guid.NewGuid().ToString("N");
            }

            lock (_gate)
            {
                if (!_flushed)
                {
                    _pending.Add(snapshot);
                    return;
                }
            }

            _ = logger.LogActivityAsync(snapshot);
        }

        public async Task FlushAsync()
        {
            Activity[] pending;
            lock (_gate)
            {
                _flushed = true;
                pending = [.. _pending];
                _pending.Clear();
            }

            foreach (var activity in pending)
            {
                await logger.LogActivityAsync(activity).ConfigureAwait(false);
            }
        }
    }
}

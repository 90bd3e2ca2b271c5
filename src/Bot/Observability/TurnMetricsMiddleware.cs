using Stopwatch = System.Diagnostics.Stopwatch;
using MarrowBot.Bot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// Bot Builder middleware, first on the adapter, that records each turn in <see cref="BotMetrics"/>: the turn (its
/// activity type and channel) and how long it took, each reply sent by the kind in its
/// <see cref="ReplyActivities.OutcomeEntityType"/> entity, and the highest triage tier among a turn's replies. It
/// reads only those entity fields, never a text or an id, and never changes or fails the turn.
/// </summary>
public sealed class TurnMetricsMiddleware(BotMetrics metrics) : Microsoft.Bot.Builder.IMiddleware
{
    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var started = Stopwatch.GetTimestamp();
        var turn = new HighestTier();
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            var responses = await nextSend().ConfigureAwait(false);
            foreach (var activity in activities)
            {
                if (Outcome(activity) is { } outcome)
                {
                    metrics.Reply(outcome.Kind);
                    turn.Raise(outcome.Triage);
                }
            }

            return responses;
        });

        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.Turn(turnContext.Activity?.Type, turnContext.Activity?.ChannelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, turn.Name);
        }
    }

    private static (string? Kind, string? Triage)? Outcome(Activity activity)
    {
        if (activity.Entities is not { Count: > 0 } entities)
        {
            return null;
        }

        foreach (var entity in entities)
        {
            if (entity?.Type == ReplyActivities.OutcomeEntityType && entity.Properties is { } properties)
            {
                return (Text(properties["kind"]), Text(properties["triage"]));
            }
        }

        return null;
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;

    /// <summary>The highest tier named by a turn's replies so far (replies may be sent from more than one thread).</summary>
    private sealed class HighestTier
    {
        private readonly Lock _gate = new();
        private int _rank = -1;

        public string? Name { get; private set; }

        public void Raise(string? tier)
        {
            var rank = MetricTags.Rank(tier);
            lock (_gate)
            {
                if (Name is null || rank > _rank)
                {
                    (_rank, Name) = (rank, MetricTags.Tier(tier));
                }
            }
        }
    }
}

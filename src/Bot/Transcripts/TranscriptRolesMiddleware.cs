using MarrowBot.Bot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Makes the transcript's roles and flags trustworthy. It runs before the transcript middleware: an incoming
/// activity is always the person's (role "user"), and any marrowbot.outcome entity it carries is removed, since only
/// the bot's own replies may say what tier or kind a reply was; the bot's outgoing activities get role "bot".
/// </summary>
public sealed class TranscriptRolesMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (activity is not null)
        {
            activity.From ??= new ChannelAccount();
            activity.From.Role = RoleTypes.User;
            if (activity.Entities is { Count: > 0 } entities && entities.Any(IsOutcome))
            {
                activity.Entities = entities.Where(e => !IsOutcome(e)).ToList();
            }
        }

        turnContext.OnSendActivities((_, activities, nextSend) =>
        {
            foreach (var outgoing in activities)
            {
                outgoing.From ??= new ChannelAccount();
                outgoing.From.Role = RoleTypes.Bot;
            }

            return nextSend();
        });

        return next(cancellationToken);
    }

    private static bool IsOutcome(Entity? entity) => entity?.Type == ReplyActivities.OutcomeEntityType;
}

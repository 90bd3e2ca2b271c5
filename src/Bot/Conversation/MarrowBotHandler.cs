using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Conversation;

/// <summary>
/// The bot's activity handler: a thin edge that reads the message, asks the <see cref="Responder"/>, and sends what
/// it decides. Activity types the bot has nothing to say to (typing, events, reactions) are left to the protocol.
/// </summary>
public sealed partial class MarrowBotHandler(Responder responder, ReplyActivities replies, ConversationState conversationState, ILogger<MarrowBotHandler> logger) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>("memory");

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(turnContext, () => ConversationMemory.New, cancellationToken);
        var activity = turnContext.Activity;
        TurnResult result;
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Attachments is { Count: > 0 })
        {
            result = new TurnResult(memory.Welcomed ? [responder.NoText()] : [responder.Welcome(), responder.NoText()], memory with { Welcomed = true });
        }
        else
        {
            result = responder.Respond(activity.Text, memory);
        }

        await _memory.SetAsync(turnContext, result.Memory, cancellationToken);
        await SendAsync(turnContext, result.Replies, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var someoneJoined = membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id);
        var memory = await _memory.GetAsync(turnContext, () => ConversationMemory.New, cancellationToken);
        if (!someoneJoined || memory.Welcomed)
        {
            return;
        }

        await _memory.SetAsync(turnContext, memory with { Welcomed = true }, cancellationToken);
        await SendAsync(turnContext, [responder.Welcome()], cancellationToken);
    }

    private async Task SendAsync(ITurnContext turnContext, IReadOnlyList<Reply> toSend, CancellationToken cancellationToken)
    {
        foreach (var reply in toSend)
        {
            LogReply(logger, reply.Kind, reply.Intent, reply.Confidence, reply.Triage);
        }

        await turnContext.SendActivitiesAsync(toSend.Select(r => (IActivity)replies.ToActivity(r)).ToArray(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Kind} intent {Intent} confidence {Confidence:0.00} triage {Triage}")]
    private static partial void LogReply(ILogger logger, ReplyKind kind, string intent, float confidence, MarrowBot.Knowledge.Triage.TriageTier triage);
}

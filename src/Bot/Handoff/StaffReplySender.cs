using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Bot.Conversation;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Staff.Handoff;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Handoff;

/// <summary>
/// Sends a staff reply into a hand-off request's conversation as a proactive message through the adapter, with the
/// stored conversation reference: into the local Direct Line conversation, where the Web Chat's poll or stream
/// picks it up, or to the channel's service URL (Teams: the Bot Connector). The message is plain text (staff text
/// is not rendered as Markdown) with the outcome kind "staff", so the transcript shows it as a staff reply.
/// </summary>
public sealed partial class StaffReplySender(
    MarrowBotAdapter adapter,
    DirectLineBridge bridge,
    DirectLineConversations conversations,
    ReplyActivities replies,
    ILogger<StaffReplySender> logger) : IStaffReplySender
{
    public const string StaffIntent = "staff-reply";

    /// <inheritdoc/>
    public async Task<StaffReplyDelivery> SendAsync(HandoffRequest request, string text, CancellationToken cancellationToken)
    {
        var reference = JsonConvert.DeserializeObject<ConversationReference>(request.ConversationReference);
        if (reference?.Conversation?.Id is null || string.IsNullOrEmpty(reference.ServiceUrl))
        {
            LogUnreadableReference(logger, request.Id);
            return StaffReplyDelivery.Failed;
        }

        // Always a new message in the conversation, never a reply to one of the person's messages.
        reference.ActivityId = null;
        var message = replies.ToActivity(new Reply(ReplyKind.Staff, text, StaffIntent, 1f, [], [], []), request.ChannelId);
        message.TextFormat = TextFormatTypes.Plain;

        if (reference.ServiceUrl == DirectLineBridge.ServiceUrl)
        {
            if (conversations.Find(reference.Conversation.Id) is not { } conversation)
            {
                return StaffReplyDelivery.ConversationGone;
            }

            return await bridge.SendProactiveAsync(conversation, reference, message, cancellationToken) ? StaffReplyDelivery.Delivered : StaffReplyDelivery.Failed;
        }

        var delivered = false;
        await adapter.ContinueAsBotAsync(reference, async (turn, ct) =>
        {
            try
            {
                // The continuation activity has an id of its own, which the turn would make the message a reply to;
                // without one the adapter posts a new message to the conversation (POST v3/conversations/{id}/activities).
                turn.Activity.Id = null;
                await turn.SendActivityAsync(message, ct);
                delivered = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Caught here, not by the adapter's error handler, which would send the person an apology.
                LogSendFailed(logger, ex.GetType().Name, request.Id, request.ChannelId);
            }
        }, cancellationToken);
        return delivered ? StaffReplyDelivery.Delivered : StaffReplyDelivery.Failed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hand-off {HandoffId} has a conversation reference that cannot be read")]
    private static partial void LogUnreadableReference(ILogger logger, long handoffId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a staff reply to hand-off {HandoffId} in {ChannelId} failed with {ExceptionType}")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType, long handoffId, string channelId);
}

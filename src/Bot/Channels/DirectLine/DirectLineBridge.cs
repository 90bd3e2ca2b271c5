using MarrowBot.Bot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>
/// Carries activities between the local Direct Line channel and the bot: each posted activity becomes one turn
/// through Bot Builder's CloudAdapter, run in order per conversation, with a typing indicator while the bot works;
/// each reply is appended as soon as the bot sends it.
/// </summary>
public sealed partial class DirectLineBridge(MarrowBotAdapter adapter, IServiceProvider services, TimeProvider clock, ILogger<DirectLineBridge> logger)
{
    public const string ChannelId = "directline";
    public const string ServiceUrl = "http://localhost/v3/directline/";

    public static ChannelAccount Bot => new("marrowbot", "MarrowBot", RoleTypes.Bot);

    /// <summary>Tells the bot the visitor joined, so it sends its welcome.</summary>
    public Task StartAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = ChannelId,
            ServiceUrl = ServiceUrl,
            From = new ChannelAccount(conversation.UserId, role: RoleTypes.User),
            Recipient = Bot,
            Conversation = new ConversationAccount(id: conversation.Id),
            MembersAdded = [new ChannelAccount(conversation.UserId, role: RoleTypes.User)],
            Timestamp = clock.GetUtcNow(),
        };
        return RunTurnAsync(conversation, update, showTyping: false, cancellationToken);
    }

    /// <summary>Runs the bot on a stored user activity and appends its replies.</summary>
    public Task RespondAsync(DirectLineConversation conversation, Activity posted, CancellationToken cancellationToken) =>
        RunTurnAsync(conversation, posted, showTyping: true, cancellationToken);

    /// <summary>
    /// Delivers a proactive message (a staff reply to a hand-off) into a local conversation: a proactive turn through
    /// the adapter, so the transcript records it like any bot message, whose send is appended to the conversation
    /// for the client's poll or stream instead of being posted to a connector (this process is the channel). It waits
    /// for a turn in progress, so it never lands between a question and its answer. False when the send failed.
    /// </summary>
    public async Task<bool> SendProactiveAsync(DirectLineConversation conversation, ConversationReference reference, IActivity message, CancellationToken cancellationToken)
    {
        var delivered = false;
        await conversation.TurnLock.WaitAsync(cancellationToken);
        try
        {
            await adapter.ContinueAsBotAsync(reference, async (turn, ct) =>
            {
                turn.OnSendActivities((_, sent, _) =>
                {
                    // Not calling the next handler: there is no connector to post to, the conversation is the channel.
                    var responses = new List<ResourceResponse>(sent.Count);
                    foreach (var activity in sent)
                    {
                        var appended = conversation.Append(FromBot(conversation, Transcripts.ActivityCopy.Shallow(activity), replyToId: null));
                        activity.Id = appended.Id;
                        responses.Add(new ResourceResponse(appended.Id));
                    }

                    return Task.FromResult(responses.ToArray());
                });
                await turn.SendActivityAsync(message, ct);
                delivered = true;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTurnFailed(logger, ex.GetType().Name, conversation.Id, ex);
        }
        finally
        {
            conversation.TurnLock.Release();
        }

        return delivered;
    }

    private async Task RunTurnAsync(DirectLineConversation conversation, Activity inbound, bool showTyping, CancellationToken cancellationToken)
    {
        await conversation.TurnLock.WaitAsync(cancellationToken);
        try
        {
            if (showTyping)
            {
                conversation.Append(FromBot(conversation, new Activity(ActivityTypes.Typing), inbound.Id));
            }

            var toBot = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(inbound))!;
            toBot.ServiceUrl = ServiceUrl;
            toBot.Recipient = Bot;
            var bot = services.GetRequiredService<IBot>();
            await adapter.ProcessLocallyAsync(toBot, (turn, ct) =>
            {
                // Each reply reaches the conversation when the bot sends it, not when the turn ends: a safety reply
                // is sent before the turn reads state and must not wait for it (a copy, so the transcript keeps
                // what the bot sent).
                turn.OnSendActivities(async (_, sent, next) =>
                {
                    var responses = await next();
                    foreach (var reply in sent.Where(a => a.Type is not (ActivityTypes.Trace or "invokeResponse")))
                    {
                        conversation.Append(FromBot(conversation, Transcripts.ActivityCopy.Shallow(reply), inbound.Id));
                    }

                    return responses;
                });
                return bot.OnTurnAsync(turn, ct);
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The adapter's own error handler already apologises for failures inside a turn; this is the channel failing.
            LogTurnFailed(logger, ex.GetType().Name, conversation.Id, ex);
        }
        finally
        {
            conversation.TurnLock.Release();
        }
    }

    private Activity FromBot(DirectLineConversation conversation, Activity activity, string? replyToId)
    {
        activity.ChannelId = ChannelId;
        activity.From = Bot;
        activity.Recipient = new ChannelAccount(conversation.UserId, role: RoleTypes.User);
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.ReplyToId = replyToId;
        activity.ServiceUrl = null;
        activity.Timestamp = clock.GetUtcNow();
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn failed with {ExceptionType} in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string conversationId, Exception exception);
}

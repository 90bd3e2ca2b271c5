using MarrowBot.Bot.Storage;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff;
using MarrowBot.Staff.Handoff;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Handoff;

/// <summary>
/// The bot's side of the hand-off queue, after triage and the responder have decided a turn's replies. When the
/// responder recognised a request for a person, the conversation goes into the queue (its conversation reference,
/// never the message) and the hand-off reply says it is queued and whether staff are available now or when they
/// next are; when the person asks for news while their request is open, they are told its status. Safety replies
/// stay first and unchanged; an emergency gets no hand-off reply from the responder, so it is never queued behind
/// one. If the store fails or is slow, the responder's own hand-off reply (contact your care team) goes out instead.
/// </summary>
public sealed partial class HandoffIntake(
    IHandoffQueue queue,
    IOptions<HandoffOptions> options,
    IOptions<StaffOptions> staff,
    IOptions<SafetyOptions> contacts,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<HandoffIntake> logger)
{
    public const string StatusIntent = "handoff-status";

    private readonly HandoffHours _hours = options.Value.Hours();

    public async Task<TurnResult> ApplyAsync(ITurnContext turnContext, string text, TurnResult result, CancellationToken cancellationToken)
    {
        if (!staff.Value.Enabled || result.ForgetConversation)
        {
            return result;
        }

        var replies = result.Replies.ToList();
        var handoff = replies.FindIndex(r => r.Kind == ReplyKind.Handoff);
        var emergency = replies.Any(r => r.Triage == TriageTier.Emergency);
        if (handoff < 0 && (emergency || !HandoffStatusQuestion.Matches(text)))
        {
            return result;
        }

        var activity = turnContext.Activity;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(storage.Value.OperationTimeout);
        try
        {
            var now = clock.GetUtcNow();
            if (handoff >= 0)
            {
                var enqueued = await queue.EnqueueAsync(Ticket(activity, now), timeout.Token);
                LogQueued(logger, enqueued.Request.Id, activity.ChannelId, activity.Conversation.Id, enqueued.AlreadyWaiting);
                var said = enqueued.AlreadyWaiting ? HandoffMessages.StillQueued(_hours, now) : HandoffMessages.Queued(_hours, now);
                replies[handoff] = replies[handoff] with { Text = WithContacts(said) };
                return result with { Replies = replies };
            }

            if (await queue.FindOpenAsync(activity.ChannelId, activity.Conversation.Id, timeout.Token) is not { } open)
            {
                return result;
            }

            var status = open.State == HandoffState.Answered ? HandoffMessages.Answered(_hours, now) : HandoffMessages.StillQueued(_hours, now);
            var safety = replies.Where(r => r.Kind == ReplyKind.Triage);
            return result with { Replies = [.. safety, new Reply(ReplyKind.Handoff, WithContacts(status), StatusIntent, 1f, [], [], []) { Path = ReplyPath.HandoffStatus }] };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogQueueFailed(logger, ex.GetType().Name, activity.Conversation?.Id);
            return result;
        }
    }

    /// <summary>
    /// What the console needs to reply later: the conversation reference without the message's id (a reply is a new
    /// message) and without names (the person's and a group chat's); ids, channel and service URL only.
    /// </summary>
    private static HandoffTicket Ticket(IActivity activity, DateTimeOffset now)
    {
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        reference.User = reference.User is null ? null : new ChannelAccount(reference.User.Id, role: RoleTypes.User);
        reference.Conversation = new ConversationAccount(reference.Conversation.IsGroup, reference.Conversation.ConversationType, reference.Conversation.Id, tenantId: reference.Conversation.TenantId);
        return new HandoffTicket(activity.ChannelId, activity.Conversation.Id, activity.ServiceUrl, JsonConvert.SerializeObject(reference), now);
    }

    private string WithContacts(string text) =>
        $"{text} If it's urgent, contact {contacts.Value.CareTeamText}; in an emergency call {contacts.Value.EmergencyText}.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-off {HandoffId} queued from {ChannelId} conversation {ConversationId} (already waiting: {AlreadyWaiting})")]
    private static partial void LogQueued(ILogger logger, long handoffId, string channelId, string conversationId, bool alreadyWaiting);

    [LoggerMessage(Level = LogLevel.Error, Message = "The hand-off queue failed with {ExceptionType} in conversation {ConversationId}; the responder's hand-off reply was sent")]
    private static partial void LogQueueFailed(ILogger logger, string exceptionType, string? conversationId);
}

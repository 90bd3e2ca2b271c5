using MarrowBot.Staff.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Handoff;

/// <summary>
/// The staff side of the hand-off queue: a reply is checked, sent into the conversation, recorded on the request
/// (who, when) and in the audit log (never its text); closing takes a request off the queue.
/// </summary>
public sealed partial class HandoffDesk(
    IHandoffQueue queue,
    IStaffReplySender sender,
    IStaffAuditLog audit,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffDesk> logger)
{
    /// <summary>The checked text of a reply, or null when it is empty or longer than Staff:HandoffMaxReplyChars.</summary>
    public string? CheckText(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > options.Value.HandoffMaxReplyChars ? null : trimmed;
    }

    public async Task<(HandoffReplyOutcome Outcome, HandoffRequest? Request)> ReplyAsync(long id, string? text, string actor, CancellationToken cancellationToken)
    {
        if (CheckText(text) is not { } reply)
        {
            return (HandoffReplyOutcome.InvalidText, null);
        }

        var request = await queue.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return (HandoffReplyOutcome.NotFound, null);
        }

        if (request.State == HandoffState.Closed)
        {
            return (HandoffReplyOutcome.Closed, request);
        }

        var delivery = await sender.SendAsync(request, reply, cancellationToken);
        if (delivery != StaffReplyDelivery.Delivered)
        {
            LogNotDelivered(logger, id, request.ChannelId, delivery);
            return (delivery == StaffReplyDelivery.ConversationGone ? HandoffReplyOutcome.ConversationGone : HandoffReplyOutcome.DeliveryFailed, request);
        }

        var now = clock.GetUtcNow();
        if (!await queue.MarkAnsweredAsync(id, actor, now, cancellationToken))
        {
            // Closed by someone else while the reply went out: it was delivered all the same.
            LogClosedMeanwhile(logger, id);
        }

        await audit.RecordAsync(new StaffAuditEntry(now, actor, StaffAuditActions.Replied, Target(request), $"hand-off {id}"), cancellationToken);
        LogReplied(logger, id, request.ChannelId, request.ConversationId);
        return (HandoffReplyOutcome.Sent, await queue.GetAsync(id, cancellationToken) ?? request);
    }

    public async Task<(HandoffReplyOutcome Outcome, HandoffRequest? Request)> CloseAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var request = await queue.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return (HandoffReplyOutcome.NotFound, null);
        }

        var now = clock.GetUtcNow();
        if (request.State == HandoffState.Closed || !await queue.CloseAsync(id, now, cancellationToken))
        {
            return (HandoffReplyOutcome.Closed, request);
        }

        await audit.RecordAsync(new StaffAuditEntry(now, actor, StaffAuditActions.Reviewed, Target(request), $"hand-off {id} closed"), cancellationToken);
        return (HandoffReplyOutcome.Sent, await queue.GetAsync(id, cancellationToken) ?? request);
    }

    private static string Target(HandoffRequest request) => $"{request.ChannelId}/{request.ConversationId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff replied to hand-off {HandoffId} in {ChannelId} conversation {ConversationId}")]
    private static partial void LogReplied(ILogger logger, long handoffId, string channelId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A staff reply to hand-off {HandoffId} in {ChannelId} was not delivered: {Delivery}")]
    private static partial void LogNotDelivered(ILogger logger, long handoffId, string channelId, StaffReplyDelivery delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-off {HandoffId} was closed while a staff reply was being sent; the reply was delivered")]
    private static partial void LogClosedMeanwhile(ILogger logger, long handoffId);
}

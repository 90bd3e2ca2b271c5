namespace MarrowBot.Staff.Handoff;

/// <summary>Sends a staff member's reply into the conversation of a hand-off request, as the bot, through its channel.</summary>
public interface IStaffReplySender
{
    /// <summary>
    /// Sends <paramref name="text"/> (plain text, already checked by the caller) into <paramref name="request"/>'s
    /// conversation; it is recorded in the transcript like any bot message, marked as a staff reply.
    /// </summary>
    Task<StaffReplyDelivery> SendAsync(HandoffRequest request, string text, CancellationToken cancellationToken);
}

namespace MarrowBot.Staff.Handoff;

/// <summary>Where a request for a person stands: waiting for staff, answered by a staff member, or closed.</summary>
public enum HandoffState
{
    Waiting,
    Answered,
    Closed,
}

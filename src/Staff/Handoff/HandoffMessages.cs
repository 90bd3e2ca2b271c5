namespace MarrowBot.Staff.Handoff;

/// <summary>
/// What the person is told about their request for a person: that it is queued, and whether staff are available
/// now or when they next are. Plain, kind sentences; the urgent and emergency contacts are added by the caller.
/// </summary>
public static class HandoffMessages
{
    /// <summary>The reply to a first request for a person.</summary>
    public static string Queued(HandoffHours hours, DateTimeOffset now) =>
        $"I've asked our support team to reply to you here, in this chat. Your request is in their queue. {Availability(hours, now)}";

    /// <summary>The reply when the person asks again, or asks for news, while their request is waiting.</summary>
    public static string StillQueued(HandoffHours hours, DateTimeOffset now) =>
        $"Your request to talk to a person is still in our support team's queue, and they'll reply here. {Availability(hours, now)}";

    /// <summary>The reply to a request for news after a staff member has replied.</summary>
    public static string Answered(HandoffHours hours, DateTimeOffset now) =>
        $"A member of our support team has replied to you in this chat. If you'd like them to reply again, ask to talk to a person. {Availability(hours, now)}";

    /// <summary>Whether staff are available now, or when they next are.</summary>
    public static string Availability(HandoffHours hours, DateTimeOffset now) =>
        hours.IsOpen(now)
            ? $"Someone is available now, so please keep this chat open. Their hours are {hours.Describe()}."
            : $"No one is available right now; the team is next available {hours.DescribeWhen(hours.NextOpening(now), now)}. Their hours are {hours.Describe()}.";
}

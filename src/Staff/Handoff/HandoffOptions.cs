using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Staff.Handoff;

/// <summary>The hand-off settings in the "Staff" section: when staff answer requests for a person, and how long a reply may be.</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Staff";

    /// <summary>When staff answer, e.g. "Mon-Fri 09:00-17:00" or "Mon-Fri 09:00-17:00; Sat 10:00-12:00" (<see cref="Handoff.HandoffHours"/>).</summary>
    public string HandoffHours { get; set; } = "Mon-Fri 09:00-17:00";

    /// <summary>The time zone of <see cref="HandoffHours"/>: an IANA id such as "Europe/London", or "UTC".</summary>
    public string HandoffTimeZone { get; set; } = "UTC";

    /// <summary>The longest reply a staff member may send, in characters.</summary>
    [Range(100, 4000)]
    public int HandoffMaxReplyChars { get; set; } = 2000;

    /// <summary>The hours, read; valid once the options have passed validation.</summary>
    public HandoffHours Hours() => Handoff.HandoffHours.Parse(HandoffHours, HandoffTimeZone);
}

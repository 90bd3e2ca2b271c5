using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Staff;

/// <summary>The "Staff" settings: whether the console is served, and how staff sign in.</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>Serve the console at /staff. Off, every /staff route answers 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Signed-in staff with no request for this long must sign in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

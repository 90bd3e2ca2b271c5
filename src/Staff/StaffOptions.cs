using System.ComponentModel.DataAnnotations;
using MarrowBot.Staff.Authentication;

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

    /// <summary>Wrong passwords in a row that lock a local account.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked local account refuses every password, the right one included.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Keys for read-only API access (<c>Authorization: Bearer &lt;key&gt;</c>); from the environment or a secret store, never appsettings.json.</summary>
    public List<StaffApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>An organisation's OpenID Connect provider; off while Authority is empty.</summary>
    public StaffOidcOptions Oidc { get; set; } = new();
}

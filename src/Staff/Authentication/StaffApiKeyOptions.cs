namespace MarrowBot.Staff.Authentication;

/// <summary>
/// One API key (<c>Staff:ApiKeys:N</c>): a label (shown as <c>api-key:&lt;label&gt;</c> in the audit log) and
/// either the key itself or its SHA-256 in hex, so that configuration need not hold the key.
/// </summary>
public sealed class StaffApiKeyOptions
{
    /// <summary>Shortest key accepted: 32 characters (e.g. <c>openssl rand -hex 24</c> gives 48).</summary>
    public const int MinimumKeyLength = 32;

    public string? Label { get; set; }

    public string? Key { get; set; }

    /// <summary>The SHA-256 of the key's UTF-8 bytes, 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string? Sha256 { get; set; }
}

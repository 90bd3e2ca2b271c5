namespace MarrowBot.Staff;

/// <summary>
/// The two staff roles and the authorization policies built on them. A reviewer reads, acknowledges and labels;
/// an editor may also change content. An API key reads only.
/// </summary>
public static class StaffRoles
{
    public const string Reviewer = "reviewer";
    public const string Editor = "editor";

    /// <summary>The role an API key from Staff:ApiKeys carries: read-only API access.</summary>
    public const string ApiReader = "api-reader";

    /// <summary>Policy: any signed-in staff member (reviewer or editor), or an API key for reading.</summary>
    public const string ReadPolicy = "staff-read";

    /// <summary>Policy: a signed-in reviewer or editor (acknowledge, mark reviewed, label, reply to a hand-off).</summary>
    public const string ReviewPolicy = "staff-review";

    /// <summary>Policy: a signed-in editor (content changes, the audit log).</summary>
    public const string EditPolicy = "staff-edit";
}

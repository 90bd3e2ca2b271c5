namespace MarrowBot.Staff.Audit;

/// <summary>
/// Who did what in the console, kept in the store beside the transcripts and shown to editors: sign-ins (and
/// failed ones), views, exports, acknowledgements, labels and content changes. Never message text.
/// </summary>
public interface IStaffAuditLog
{
    Task RecordAsync(StaffAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The most recent entries first, at most <paramref name="limit"/>, older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<StaffAuditEntry>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken);
}

/// <param name="Actor">The staff member's name, or "api-key:&lt;label&gt;" for an API key.</param>
/// <param name="Action">One of <see cref="StaffAuditActions"/>.</param>
/// <param name="Target">What it was done to, e.g. a conversation's channel and id, or null.</param>
/// <param name="Detail">A short description without message text, e.g. a label's name or an export's filter, or null.</param>
public sealed record StaffAuditEntry(DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);

public static class StaffAuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string Viewed = "viewed";
    public const string Exported = "exported";
    public const string Acknowledged = "acknowledged";
    public const string Reviewed = "reviewed";
    public const string Labelled = "labelled";
    public const string Replied = "replied";
    public const string ContentChanged = "content-changed";
    public const string AccountChanged = "account-changed";
}

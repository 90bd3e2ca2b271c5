namespace MarrowBot.Staff.Accounts;

/// <summary>A local staff account: its name as written, role (<see cref="StaffRoles.Reviewer"/> or <see cref="StaffRoles.Editor"/>), password hash and lock-out state.</summary>
/// <param name="FailedCount">Wrong passwords since the last successful sign-in or lock-out.</param>
/// <param name="LockedUntil">Sign-in is refused until then, or null when not locked.</param>
public sealed record StaffAccount(
    string Name,
    string Role,
    string PasswordHash,
    int FailedCount,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

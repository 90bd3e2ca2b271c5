namespace MarrowBot.Staff.Accounts;

/// <summary>
/// Local staff accounts, kept in the bot's store beside the transcripts. Names are unique whatever their case, and
/// every lookup ignores case.
/// </summary>
public interface IStaffAccountStore
{
    /// <summary>The account named <paramref name="name"/> (in any case), or null.</summary>
    Task<StaffAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account; false (and nothing changed) when the name is taken in any case.</summary>
    Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken);

    /// <summary>Removes the account; false when there is none of that name.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and unlocks the account (failed count 0); false when there is none of that name.</summary>
    Task<bool> SetPasswordAsync(string name, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a wrong password in one write: at the <paramref name="maxFailures"/>th the account is locked until
    /// <paramref name="lockedUntil"/> and the count starts again. Returns the account as it is now, or null when
    /// there is none of that name.
    /// </summary>
    Task<StaffAccount?> RecordFailedSignInAsync(string name, int maxFailures, DateTimeOffset lockedUntil, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Clears the failed count and any lock after a successful sign-in.</summary>
    Task RecordSignInAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);
}

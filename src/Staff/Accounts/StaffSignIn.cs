using MarrowBot.Staff.Audit;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Accounts;

/// <summary>
/// Checks a local account's password, with lock-out: <see cref="StaffOptions.MaxFailedSignIns"/> wrong passwords
/// in a row lock the account for <see cref="StaffOptions.LockoutDuration"/>, during which every password is refused
/// unchecked. Each attempt goes in the audit log with the name tried, never the password.
/// </summary>
public sealed class StaffSignIn(IStaffAccountStore accounts, IStaffAuditLog audit, StaffPasswords passwords, IOptions<StaffOptions> options, TimeProvider time)
{
    public async Task<StaffSignInResult> SignInAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tried = StaffNames.ForAudit(name);
        var account = StaffNames.Check(name) is null ? await accounts.FindAsync(name!, cancellationToken) : null;
        if (account is not null && account.IsLockedAt(now))
        {
            await audit.RecordAsync(new StaffAuditEntry(now, tried, StaffAuditActions.SignInFailed, null, "account locked"), cancellationToken);
            return StaffSignInResult.Refused;
        }

        if (!passwords.Verify(account?.PasswordHash, password ?? string.Empty))
        {
            if (account is null)
            {
                await audit.RecordAsync(new StaffAuditEntry(now, tried, StaffAuditActions.SignInFailed, null, "unknown name"), cancellationToken);
                return StaffSignInResult.Refused;
            }

            var settings = options.Value;
            var after = await accounts.RecordFailedSignInAsync(account.Name, settings.MaxFailedSignIns, now + settings.LockoutDuration, now, cancellationToken);
            await audit.RecordAsync(new StaffAuditEntry(now, account.Name, StaffAuditActions.SignInFailed, null, "wrong password"), cancellationToken);
            if (after is not null && after.IsLockedAt(now))
            {
                await audit.RecordAsync(new StaffAuditEntry(now, account.Name, StaffAuditActions.LockedOut, account.Name, $"after {settings.MaxFailedSignIns} wrong passwords, until {after.LockedUntil:O}"), cancellationToken);
            }

            return StaffSignInResult.Refused;
        }

        await accounts.RecordSignInAsync(account!.Name, now, cancellationToken);
        await audit.RecordAsync(new StaffAuditEntry(now, account.Name, StaffAuditActions.SignedIn, null, "password"), cancellationToken);
        return new StaffSignInResult(account);
    }
}

/// <summary>The account signed in, or null when refused (wrong name or password, or locked: the page does not say which).</summary>
public sealed record StaffSignInResult(StaffAccount? Account)
{
    public static StaffSignInResult Refused { get; } = new((StaffAccount?)null);

    public bool Succeeded => Account is not null;
}

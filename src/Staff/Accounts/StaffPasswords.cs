using Microsoft.AspNetCore.Identity;

namespace MarrowBot.Staff.Accounts;

/// <summary>
/// Password hashes for local accounts: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, a random salt, its iteration count in the hash, so it can be raised later), and the length rule.
/// </summary>
public sealed class StaffPasswords
{
    public const int MinimumLength = 12;

    /// <summary>Longer passwords are refused: PBKDF2 over megabytes would be a cheap way to load the server.</summary>
    public const int MaximumLength = 256;

    private static readonly StaffAccount Nobody = new(string.Empty, StaffRoles.Reviewer, string.Empty, 0, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private readonly PasswordHasher<StaffAccount> _hasher = new();

    // Verified against when a name is unknown, so an unknown name costs as long as a wrong password.
    private readonly Lazy<string> _decoy;

    public StaffPasswords() => _decoy = new Lazy<string>(() => Hash(Guid.NewGuid().ToString("N")));

    /// <summary>Null when <paramref name="password"/> may be set, else why not (never the password itself).</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"A password has at least {MinimumLength} characters.";
        }

        return password.Length > MaximumLength ? $"A password has at most {MaximumLength} characters." : null;
    }

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; a null hash (unknown name) costs the same and never matches.</summary>
    public bool Verify(string? hash, string password)
    {
        if (password.Length > MaximumLength)
        {
            return false;
        }

        var result = _hasher.VerifyHashedPassword(Nobody, hash ?? _decoy.Value, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}

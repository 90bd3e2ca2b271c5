namespace MarrowBot.Staff.Accounts;

/// <summary>
/// What a local account's name may be: 1-64 ASCII letters, digits and <c>. _ - @</c>, starting with a letter or
/// digit. ASCII only, so that "the same name in another case" means the same thing in SQLite, PostgreSQL and C#.
/// </summary>
public static class StaffNames
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is a valid account name, else why not.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A name is required.";
        }

        if (name.Length > MaxLength)
        {
            return $"A name has at most {MaxLength} characters.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return "A name has only letters, digits and . _ - @ (starting with a letter or digit).";
        }

        return null;
    }

    /// <summary>The key names are unique by: the name in lower case.</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    /// <summary>
    /// A name someone typed, fit for the audit log: control characters dropped and cut to <see cref="MaxLength"/>,
    /// whatever was typed (it may not be an account's name at all).
    /// </summary>
    public static string ForAudit(string? typed)
    {
        var kept = new string((typed ?? string.Empty).Where(c => !char.IsControl(c)).Take(MaxLength).ToArray()).Trim();
        return kept.Length == 0 ? "(empty)" : kept;
    }
}

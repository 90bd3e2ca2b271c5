namespace MarrowBot.Staff.Authentication;

/// <summary>
/// The staff console's authentication schemes. None is the host's default: only endpoints whose policy names
/// <see cref="Staff"/> authenticate, so the bot's own endpoints (where a Bearer header is a Bot Framework token)
/// never run these handlers.
/// </summary>
public static class StaffSchemes
{
    /// <summary>The policy scheme the staff policies use: a Bearer header goes to <see cref="ApiKey"/>, anything else to <see cref="Cookie"/>.</summary>
    public const string Staff = "Staff";

    public const string Cookie = "StaffCookie";

    public const string ApiKey = "StaffApiKey";

    public const string Oidc = "StaffOidc";
}

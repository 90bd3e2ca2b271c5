namespace MarrowBot.Staff.Audit;

/// <summary>Actors that are not a signed-in person.</summary>
public static class StaffAuditActors
{
    /// <summary>Account changes made with <c>dotnet run --project src/Bot -- staff ...</c>.</summary>
    public const string CommandLine = "command-line";
}

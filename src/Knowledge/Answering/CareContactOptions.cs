namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// Who to call, per deployment (appsettings.json "Safety"). Unset values fall back to safe generic wording
/// ("your local emergency number") and the host warns at start.
/// </summary>
public sealed class CareContactOptions
{
    public const string SectionName = "Safety";

    public const string GenericEmergency = "your local emergency number";
    public const string GenericCareTeam = "your care team's 24-hour line";

    public string? EmergencyNumber { get; set; }

    public string? CareTeamLineName { get; set; }

    public string? CareTeamLineNumber { get; set; }

    public string EmergencyText => string.IsNullOrWhiteSpace(EmergencyNumber) ? GenericEmergency : EmergencyNumber.Trim();

    public string CareTeamText => string.IsNullOrWhiteSpace(CareTeamLineNumber)
        ? GenericCareTeam
        : $"{(string.IsNullOrWhiteSpace(CareTeamLineName) ? "your care team's 24-hour line" : CareTeamLineName.Trim())} on {CareTeamLineNumber.Trim()}";
}

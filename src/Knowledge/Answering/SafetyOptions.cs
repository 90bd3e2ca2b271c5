using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// Who to call and when, per deployment (appsettings.json "Safety"; shared/guides/triage-policy.md, Settings).
/// Unset numbers fall back to safe generic wording ("your local emergency number") and the host warns at start.
/// </summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    public const string GenericEmergency = "your local emergency number";
    public const string GenericCareTeam = "your care team's 24-hour line";
    public const string GenericCrisis = "a local crisis line";

    /// <summary>For example 999, 112 or 911.</summary>
    public string? EmergencyNumber { get; set; }

    public string? CareTeamLineName { get; set; }

    public string? CareTeamLineNumber { get; set; }

    /// <summary>Crisis lines for self-harm, e.g. Samaritans 116 123 (UK), 988 (US).</summary>
    public List<CrisisLine> CrisisLines { get; set; } = [];

    /// <summary>Temperature at or above which a reading counts as a fever (policy default 38.0 °C; some UK units use 37.5).</summary>
    [Range(37.0, 39.0)]
    public double FeverThresholdCelsius { get; set; } = 38.0;

    /// <summary>Temperature below which a reading is too low.</summary>
    [Range(34.0, 36.5)]
    public double LowTemperatureThresholdCelsius { get; set; } = 36.0;

    /// <summary>How temperatures are shown in replies: "C" or "F".</summary>
    [RegularExpression("^[CF]$")]
    public string TemperatureUnit { get; set; } = "C";

    public string EmergencyText => string.IsNullOrWhiteSpace(EmergencyNumber) ? GenericEmergency : EmergencyNumber.Trim();

    public string CareTeamText => string.IsNullOrWhiteSpace(CareTeamLineNumber)
        ? GenericCareTeam
        : $"{(string.IsNullOrWhiteSpace(CareTeamLineName) ? "your care team's 24-hour line" : CareTeamLineName.Trim())} on {CareTeamLineNumber.Trim()}";

    public string CrisisText => CrisisLines.Count == 0
        ? GenericCrisis
        : string.Join(" or ", CrisisLines.Select(c => $"{c.Name} on {c.Number}"));

    /// <summary>The low-temperature threshold in the deployment's unit, e.g. "36 °C" or "96.8 °F".</summary>
    public string LowTemperatureText => TemperatureUnit == "F"
        ? $"{(LowTemperatureThresholdCelsius * 9 / 5) + 32:0.#} °F"
        : $"{LowTemperatureThresholdCelsius:0.#} °C";

    /// <summary>The fever threshold in the deployment's unit, e.g. "38 °C" or "100.4 °F".</summary>
    public string FeverThresholdText => TemperatureUnit == "F"
        ? $"{(FeverThresholdCelsius * 9 / 5) + 32:0.#} °F"
        : $"{FeverThresholdCelsius:0.#} °C";
}

/// <summary>A named crisis line.</summary>
public sealed class CrisisLine
{
    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string Number { get; set; } = string.Empty;
}

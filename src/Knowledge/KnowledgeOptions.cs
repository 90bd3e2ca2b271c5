using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Knowledge;

/// <summary>Where the content and the saved intent model live. Relative paths are taken from the host's content root.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>Folder with passages.json, faq.json and smalltalk.json.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder where the trained intent model is saved and reused while the content is unchanged.</summary>
    [Required]
    public string ModelDirectory { get; set; } = ".cache/models";

    /// <summary>
    /// The editors' overlay file (ADR 0029), loaded with the curated data when the host has no overlay store. The bot
    /// keeps the overlay in its data store and only imports this file once, when the store has none yet (default:
    /// beside the SQLite file, never under bin/ or obj/).
    /// </summary>
    public string? OverlayPath { get; set; }

    /// <summary>
    /// How often, in seconds, each instance checks the store's overlay version and retrains (through the gate) when
    /// it differs from the one it last read (ADR 0029, addendum).
    /// </summary>
    [Range(5, 3600)]
    public int OverlayPollSeconds { get; set; } = 30;

    /// <summary>
    /// How many held-out questions a retrained model may lose on each answering figure (answered right or offered,
    /// out of scope declined) and still replace the current one (ADR 0029). 0, the default, is the strict rule: at
    /// least as good on every figure. Triage figures and regression cases never have slack.
    /// </summary>
    [Range(0, 20)]
    public int GateAnswerSlack { get; set; }

    /// <summary>Folder with the development held-out sets the retrain gate scores on (the bot copies them to "heldout" in its output).</summary>
    [Required]
    public string HeldOutDirectory { get; set; } = "heldout";
}

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
    /// The editors' overlay file (ADR 0029), loaded with the curated data. Empty: none, unless the host sets a
    /// default (the bot puts it beside its data store, never under bin/ or obj/).
    /// </summary>
    public string? OverlayPath { get; set; }

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

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
}

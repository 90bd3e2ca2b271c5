using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>How large a request body may be. Direct Line activities are bounded by <c>DirectLine:MaxActivityBytes</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest activity POST /api/messages accepts; the Bot Framework's own limit for an activity is 256 KB.</summary>
    [Range(4_096, 4_194_304)]
    public int MaxMessageBytes { get; set; } = 262_144;
}

using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// Requests one client address may make per minute, by kind of endpoint, before getting 429 with Retry-After.
/// The defaults are far above what people reach: many people share one address behind a hospital's or a mobile
/// network's NAT, and all Bot Framework traffic (Teams) arrives from a few Azure addresses. They bound one abusive
/// client, not a busy ward. Health checks are never limited. Token issuance is limited by
/// <c>DirectLine:TokensPerMinute</c> and posts per conversation by <c>DirectLine:PostsPerMinute</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>POST /api/messages per client address (with Bot Framework authentication: per connector address).</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerMinute { get; set; } = 6_000;

    /// <summary>Local Direct Line requests (posts, polls, conversation starts, refreshes) per client address.</summary>
    [Range(1, 1_000_000)]
    public int DirectLinePerMinute { get; set; } = 6_000;

    /// <summary>The page, its static files and anything else not named above, per client address.</summary>
    [Range(1, 1_000_000)]
    public int PagesPerMinute { get; set; } = 1_200;
}

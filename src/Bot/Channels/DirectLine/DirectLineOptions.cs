using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>The web chat channel: the local Direct Line 3.0 service, or Azure Bot Service's when a secret is set.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Serve /v3/directline from this host so the page works with no Azure account.</summary>
    public bool LocalChannelEnabled { get; set; } = true;

    /// <summary>Key that signs local tokens; set the same value on every instance. Unset: a random key per process.</summary>
    public string? TokenSigningKey { get; set; }

    [Range(1, 1440)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Azure Bot Service Direct Line secret (production). It stays on the server; pages get tokens.</summary>
    public string? Secret { get; set; }

    [Required]
    [Url]
    public string AzureEndpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>Largest activity a client may post.</summary>
    [Range(1024, 1_048_576)]
    public int MaxActivityBytes { get; set; } = 32_768;

    /// <summary>
    /// Messages (posts and uploads) one conversation may send per minute before getting 429. A person typing,
    /// even "help" and Enter over and over, sends at most about one a second, so the default never stops a person.
    /// </summary>
    [Range(1, 10_000)]
    public int PostsPerMinute { get; set; } = 60;

    /// <summary>
    /// Tokens (new or resumed chats: the page's token endpoint and tokens/generate) one client address may get per
    /// minute before 429; many visitors can share one address behind a hospital's NAT.
    /// </summary>
    [Range(1, 10_000)]
    public int TokensPerMinute { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>A conversation idle this long is forgotten by the local channel (its transcript is kept by the bot).</summary>
    [Range(1, 10_080)]
    public int ConversationIdleMinutes { get; set; } = 1_440;

    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);
}

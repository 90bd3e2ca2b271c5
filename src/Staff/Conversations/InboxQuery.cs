using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Staff.Conversations;

/// <summary>
/// What the inbox shows: conversations last active in [<see cref="From"/>, <see cref="To"/>), on one channel, at
/// least one triage tier, with the flags asked for (true: only those; false or null: any), whose person's
/// messages match <see cref="Search"/>, from the page <see cref="PageToken"/> names.
/// </summary>
public sealed record InboxQuery
{
    public const int PageSize = 50;

    /// <summary>The longest search text accepted.</summary>
    public const int MaxSearchLength = 200;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Channel { get; init; }

    public TriageTier? MinTier { get; init; }

    public bool Declined { get; init; }

    public bool Clarified { get; init; }

    public bool HandoffRequested { get; init; }

    public bool NegativeFeedback { get; init; }

    public bool NotReviewed { get; init; }

    /// <summary>Words to find in the person's (redacted) messages; each word matches as a prefix, all must match one message.</summary>
    public string? Search { get; init; }

    /// <summary>The <see cref="InboxResults.NextPageToken"/> of the previous page, or null for the first.</summary>
    public string? PageToken { get; init; }

    /// <summary>The same query without its page token: what counts and exports read.</summary>
    public InboxQuery WithoutPage() => this with { PageToken = null };
}

namespace MarrowBot.Bot.Channels.Teams;

/// <summary>
/// The message reactions (like, heart, laugh, surprised, sad, angry) people gave the bot's replies in one
/// conversation, kept in conversation state as feedback for transcripts and staff tools. Counts only: no text.
/// </summary>
public sealed record ReactionTally
{
    /// <summary>At most this many reply-and-type counts are kept; the oldest go first.</summary>
    public const int MaxCounts = 200;

    public const string UnknownReply = "unknown";

    public static ReactionTally Empty { get; } = new();

    public int Added { get; init; }

    public int Removed { get; init; }

    /// <summary>The current count per reply and reaction type, oldest first; counts that fall to zero are dropped.</summary>
    public IReadOnlyList<ReactionCount> Counts { get; init; } = [];

    public ReactionTally Apply(string type, string? replyToId, bool added)
    {
        var reply = string.IsNullOrWhiteSpace(replyToId) ? UnknownReply : replyToId;
        var counts = Counts.ToList();
        var index = counts.FindIndex(c => c.ReplyToId == reply && c.Type == type);
        var current = index >= 0 ? counts[index].Count : 0;
        if (index >= 0)
        {
            counts.RemoveAt(index);
        }

        var next = Math.Max(0, current + (added ? 1 : -1));
        if (next > 0)
        {
            counts.Add(new ReactionCount(reply, type, next));
        }

        return this with
        {
            Added = Added + (added ? 1 : 0),
            Removed = Removed + (added ? 0 : 1),
            Counts = counts.Count > MaxCounts ? counts[^MaxCounts..] : counts,
        };
    }
}

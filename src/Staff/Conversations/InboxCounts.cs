namespace MarrowBot.Staff.Conversations;

/// <summary>
/// How many conversations the query's date range, channel and search hold (its flag filters left out), and how
/// many of them each filter would keep: the numbers beside the inbox's filters.
/// </summary>
public sealed record InboxCounts(
    int Total,
    int Urgent,
    int Emergency,
    int NeedsAttention,
    int Declined,
    int Clarified,
    int HandoffRequested,
    int NegativeFeedback,
    int NotReviewed);

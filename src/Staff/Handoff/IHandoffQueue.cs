namespace MarrowBot.Staff.Handoff;

/// <summary>
/// The hand-off queue: requests for a person, one open request per conversation, kept in the bot's store beside
/// the transcripts. Waiting requests become answered when a staff member replies, and closed when staff close them.
/// </summary>
public interface IHandoffQueue
{
    /// <summary>
    /// Puts the conversation in the queue. A conversation with an open request keeps it (and its place): a waiting one
    /// stays as it is, an answered one is waiting again from <see cref="HandoffTicket.RequestedAt"/>.
    /// </summary>
    Task<HandoffEnqueued> EnqueueAsync(HandoffTicket ticket, CancellationToken cancellationToken);

    /// <summary>The conversation's open (waiting or answered) request, or null.</summary>
    Task<HandoffRequest?> FindOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Open requests, waiting ones first, each group oldest first; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<HandoffRequest>> ListOpenAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The request with <paramref name="id"/> in any state, or null.</summary>
    Task<HandoffRequest?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Records a staff member's reply; false when the request is unknown or closed.</summary>
    Task<bool> MarkAnsweredAsync(long id, string answeredBy, DateTimeOffset answeredAt, CancellationToken cancellationToken);

    /// <summary>Closes an open request; false when it is unknown or already closed.</summary>
    Task<bool> CloseAsync(long id, DateTimeOffset closedAt, CancellationToken cancellationToken);
}

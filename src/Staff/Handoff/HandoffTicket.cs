namespace MarrowBot.Staff.Handoff;

/// <summary>
/// A new request for a person, as the bot records it: where the conversation is and how to reach it again, never
/// what was written.
/// </summary>
/// <param name="ChannelId">The Bot Framework channel, e.g. "directline" or "msteams".</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="ServiceUrl">Where the channel takes the bot's messages.</param>
/// <param name="ConversationReference">The Bot Framework conversation reference as JSON (ids, service URL; no text).</param>
/// <param name="RequestedAt">When the person asked.</param>
public sealed record HandoffTicket(string ChannelId, string ConversationId, string ServiceUrl, string ConversationReference, DateTimeOffset RequestedAt);

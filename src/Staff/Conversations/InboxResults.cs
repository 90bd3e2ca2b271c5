namespace MarrowBot.Staff.Conversations;

/// <summary>One page of the inbox: escalated conversations nobody has acknowledged first, then the rest, each part newest first.</summary>
public sealed record InboxResults(IReadOnlyList<InboxConversation> Conversations, string? NextPageToken);

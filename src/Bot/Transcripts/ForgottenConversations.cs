using System.Collections.Concurrent;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Conversations whose owner just asked to be forgotten. Bot Builder logs a turn's activities after the turn, so
/// the activities of the confirming turn itself ("yes, delete it" and the bot's "done") would otherwise reach the
/// store after the transcript was deleted; for a short while every activity of the conversation is withheld.
/// </summary>
public sealed class ForgottenConversations(TimeProvider clock)
{
    /// <summary>How long after "forget me" a conversation's activities are kept out of the transcript.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Channel, string Conversation), DateTimeOffset> _until = new();

    public void Forget(string channelId, string conversationId) => _until[(channelId, conversationId)] = clock.GetUtcNow() + Window;

    public bool IsForgotten(IActivity activity)
    {
        if (_until.IsEmpty || activity.Conversation?.Id is not { } conversation)
        {
            return false;
        }

        var key = (activity.ChannelId ?? string.Empty, conversation);
        if (!_until.TryGetValue(key, out var until))
        {
            return false;
        }

        if (clock.GetUtcNow() < until)
        {
            return true;
        }

        _until.TryRemove(key, out _);
        return false;
    }
}

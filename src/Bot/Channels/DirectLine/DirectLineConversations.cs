using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>The local channel's conversations, bounded in number and forgotten after a long idle time.</summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);

    public DirectLineConversation Create(string userId)
    {
        Evict();
        var conversation = new DirectLineConversation(Guid.NewGuid().ToString("N"), userId, clock);
        _conversations[conversation.Id] = conversation;
        return conversation;
    }

    public DirectLineConversation? Find(string id) => _conversations.GetValueOrDefault(id);

    private void Evict()
    {
        var idle = clock.GetUtcNow() - TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes);
        foreach (var stale in _conversations.Values.Where(c => c.LastUsed < idle))
        {
            _conversations.TryRemove(stale.Id, out _);
        }

        var excess = _conversations.Count - options.Value.MaxConversations + 1;
        if (excess > 0)
        {
            foreach (var oldest in _conversations.Values.OrderBy(c => c.LastUsed).Take(excess))
            {
                _conversations.TryRemove(oldest.Id, out _);
            }
        }
    }
}

using System.Threading.Channels;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>
/// One conversation of the local channel: its activities in order (the watermark is how many a client has seen),
/// the clients streaming it, and a lock that keeps the bot's turns in order.
/// </summary>
public sealed class DirectLineConversation(string id, string userId, TimeProvider clock)
{
    private readonly List<Activity> _activities = [];
    private readonly List<Channel<bool>> _listeners = [];
    private readonly object _gate = new();

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    public DateTimeOffset LastUsed { get; private set; } = clock.GetUtcNow();

    /// <summary>Serialises the bot's turns for this conversation.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    public bool Started { get; set; }

    /// <summary>Stores an activity with the next server id ("{conversationId}|0000007") and a timestamp, and wakes streaming clients.</summary>
    public Activity Append(Activity activity)
    {
        Channel<bool>[] listeners;
        lock (_gate)
        {
            activity.Id = $"{Id}|{_activities.Count:D7}";
            activity.Timestamp ??= clock.GetUtcNow();
            _activities.Add(activity);
            LastUsed = clock.GetUtcNow();
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(true);
        }

        return activity;
    }

    /// <summary>Activities after <paramref name="watermark"/>, and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) After(int watermark)
    {
        lock (_gate)
        {
            LastUsed = clock.GetUtcNow();
            var from = Math.Clamp(watermark, 0, _activities.Count);
            return (_activities.GetRange(from, _activities.Count - from), _activities.Count);
        }
    }

    public Channel<bool> Listen()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        return channel;
    }

    public void StopListening(Channel<bool> channel)
    {
        lock (_gate)
        {
            _listeners.Remove(channel);
        }
    }
}

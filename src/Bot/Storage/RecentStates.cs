namespace MarrowBot.Bot.Storage;

/// <summary>
/// A short in-process memory of recent conversations' state, for when the state store is down: at most
/// <see cref="StorageOptions.RecentStateCapacity"/> conversations (least recently used dropped first), each
/// forgotten <see cref="StorageOptions.RecentStateMaxAge"/> after it was last remembered. Values are kept as their
/// stored JSON and the ETag they were stored with, so what is served is a fresh copy that no turn can change
/// underneath. Thread-safe; every operation takes one short lock.
/// </summary>
public sealed class RecentStates(StorageOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byUse = new();
    private readonly Lock _gate = new();

    /// <summary>How many conversations are remembered now (expired ones included until they are next looked at).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>
    /// Remembers a key's value as JSON with its ETag (null: never stored), replacing what was there;
    /// <paramref name="stored"/> says whether the store holds exactly this value (read from it or written to it).
    /// </summary>
    public void Remember(string key, string json, string? etag, bool stored)
    {
        if (options.RecentStateCapacity == 0)
        {
            return;
        }

        var entry = new Entry(key, json, etag, stored, clock.GetUtcNow());
        lock (_gate)
        {
            if (_byKey.Remove(key, out var old))
            {
                _byUse.Remove(old);
            }

            _byKey[key] = _byUse.AddFirst(entry);
            while (_byKey.Count > options.RecentStateCapacity && _byUse.Last is { } oldest)
            {
                _byUse.RemoveLast();
                _byKey.Remove(oldest.Value.Key);
            }
        }
    }

    /// <summary>
    /// Marks a key as just used when what is remembered for it is the stored value with this ETag (the store still
    /// holds it), so an unchanged value is not copied again; false when it must be remembered afresh.
    /// </summary>
    public bool Touch(string key, string? etag)
    {
        if (etag is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var node) || !node.Value.Stored || !string.Equals(node.Value.ETag, etag, StringComparison.Ordinal))
            {
                return false;
            }

            _byUse.Remove(node);
            node.Value = node.Value with { RememberedAt = clock.GetUtcNow() };
            _byUse.AddFirst(node);
            return true;
        }
    }

    /// <summary>The JSON and ETag remembered for a key, unless it is unknown or older than the maximum age.</summary>
    public (string Json, string? ETag)? TryGet(string key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                return null;
            }

            if (clock.GetUtcNow() - node.Value.RememberedAt > options.RecentStateMaxAge)
            {
                _byKey.Remove(key);
                _byUse.Remove(node);
                return null;
            }

            return (node.Value.Json, node.Value.ETag);
        }
    }

    /// <summary>Forgets a key: the store said it holds nothing for it, or it was deleted ("forget me").</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            if (_byKey.Remove(key, out var node))
            {
                _byUse.Remove(node);
            }
        }
    }

    private sealed record Entry(string Key, string Json, string? ETag, bool Stored, DateTimeOffset RememberedAt);
}

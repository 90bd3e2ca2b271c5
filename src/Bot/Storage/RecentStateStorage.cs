using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Conversation state with a short in-process memory for outages (<see cref="RecentStates"/>). While the durable
/// store answers it decides: what it returns is served and copied into the memory, and a key it holds nothing for
/// is forgotten (another instance may have deleted it, "forget me" included). When a read fails, the conversation's
/// last known state is served from the memory, with the ETag it was stored with, so a welcome is not repeated and
/// a pending question not forgotten; a write that fails is kept in the memory for the next turn, still expecting
/// that ETag. Once the store is back, a write based on the memory succeeds only if nobody changed the stored state
/// meanwhile (an ETag conflict otherwise, which forgets the memory): the stored state wins. Deletions are forgotten
/// first, so "forget me" holds even while the store is down.
/// </summary>
public sealed partial class RecentStateStorage(IStorage inner, RecentStates recent, ILogger<RecentStateStorage> logger) : IStorage
{
    /// <inheritdoc/>
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        IDictionary<string, object> stored;
        try
        {
            stored = await inner.ReadAsync(keys, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var served = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (recent.TryGet(key) is { } remembered)
                {
                    served[key] = Copy(remembered.Json, remembered.ETag);
                }
            }

            LogReadFailed(logger, ex.GetType().Name, ConversationOf(keys), served.Count > 0 ? "its state from the last minutes in memory" : "a fresh state");
            return served;
        }

        foreach (var key in keys)
        {
            if (stored.TryGetValue(key, out var value) && value is not null)
            {
                Remember(key, value, stored: true);
            }
            else
            {
                recent.Forget(key);
            }
        }

        return stored;
    }

    /// <inheritdoc/>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            await inner.WriteAsync(changes, cancellationToken);
        }
        catch (ETagConflictException)
        {
            // Someone else's write won: the next read takes the stored state.
            foreach (var key in changes.Keys)
            {
                recent.Forget(key);
            }

            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Kept for the next turn of the outage, still expecting the ETag it was read with.
            RememberAll(changes, stored: false);
            throw;
        }

        // The store attached the new ETags to the values it wrote.
        RememberAll(changes, stored: true);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            recent.Forget(key);
        }

        await inner.DeleteAsync(keys, cancellationToken);
    }

    private void RememberAll(IDictionary<string, object> changes, bool stored)
    {
        foreach (var (key, value) in changes)
        {
            if (value is not null)
            {
                Remember(key, value, stored);
            }
        }
    }

    /// <summary>Copies a value into the memory as JSON (the turn goes on changing the object itself); an unchanged stored value is only touched.</summary>
    private void Remember(string key, object value, bool stored)
    {
        var etag = StateSerializer.TryGetExpectedETag(value, out var expected) ? expected : null;
        if (!stored || !recent.Touch(key, etag))
        {
            recent.Remember(key, StateSerializer.Serialize(value), etag, stored);
        }
    }

    private static object Copy(string json, string? etag)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        var value = StateSerializer.Serializer.Deserialize(reader)!;
        if (etag is not null)
        {
            StateSerializer.AttachETag(value, etag);
        }

        return value;
    }

    /// <summary>The conversation id in a ConversationState key ("{channel}/conversations/{id}"): an id, safe to log.</summary>
    private static string? ConversationOf(string[] keys) =>
        keys.FirstOrDefault() is { } key && key.IndexOf("/conversations/", StringComparison.Ordinal) is var at and >= 0
            ? key[(at + "/conversations/".Length)..]
            : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Conversation state read failed with {ExceptionType} in conversation {ConversationId}; the turn goes on with {Fallback}")]
    private static partial void LogReadFailed(ILogger logger, string exceptionType, string? conversationId, string fallback);
}

using MarrowBot.Bot.Storage;
using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// The conversation-state store with its failures counted as <c>marrowbot.store.errors</c> (store "state", operation
/// read, write or delete). An ETag conflict is an answer, not a failure, and a turn cancelled by its caller is not
/// the store's fault; everything else (a timeout, the circuit failing fast, a database error) counts.
/// </summary>
public sealed class MeteredStorage(IStorage inner, BotMetrics metrics) : IStorage
{
    /// <inheritdoc/>
    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        CountedAsync(() => inner.ReadAsync(keys, cancellationToken), "read", cancellationToken);

    /// <inheritdoc/>
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        CountedAsync(async () => { await inner.WriteAsync(changes, cancellationToken); return true; }, "write", cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        CountedAsync(async () => { await inner.DeleteAsync(keys, cancellationToken); return true; }, "delete", cancellationToken);

    private async Task<T> CountedAsync<T>(Func<Task<T>> operation, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is not ETagConflictException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            metrics.StoreError("state", name);
            throw;
        }
    }
}

using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Storage.Postgres;

/// <summary>
/// Bot Builder <see cref="IStorage"/> in PostgreSQL: conversation state survives restarts and is shared by every instance. Values are stored as
/// MemoryStorage stores them (JSON with "$type"); ETags give optimistic concurrency (<see cref="StateTable"/>).
/// </summary>
public sealed class PostgresStorage(PostgresDatabase database, IOptions<StorageOptions> options, ILogger<PostgresStorage> logger) : IStorage
{
    private readonly StorageCircuit _circuit = new(options.Value, "PostgreSQL state", logger);

    /// <inheritdoc/>
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return new Dictionary<string, object>();
        }

        var rows = await _circuit.RunAsync(ct => database.ReadAsync((connection, t) => StateTable.ReadAsync(connection, keys, t), ct), cancellationToken);
        return rows.ToDictionary(r => r.Key, r => StateSerializer.Deserialize(r.Value, r.ETag));
    }

    /// <inheritdoc/>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var prepared = StateTable.Prepare(changes);
        var now = DateTimeOffset.UtcNow;
        await _circuit.RunAsync(ct => database.WriteAsync((connection, transaction, t) => StateTable.WriteAsync(connection, transaction, prepared, now, t), ct), cancellationToken);
        StateTable.Attach(prepared);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length > 0)
        {
            await _circuit.RunAsync(ct => database.WriteAsync((connection, transaction, t) => StateTable.DeleteAsync(connection, transaction, keys, t), ct), cancellationToken);
        }
    }
}

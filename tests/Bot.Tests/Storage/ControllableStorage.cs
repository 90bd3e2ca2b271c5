using MarrowBot.Bot.Storage;
using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The real state store behind a switch the test holds: <see cref="Hold"/> makes every operation wait until
/// <see cref="Release"/> (a store that hangs), <see cref="Down"/> makes every operation fail as the storage circuit
/// fails it when the database is unreachable.
/// </summary>
public sealed class ControllableStorage(IStorage inner) : IStorage
{
    private volatile TaskCompletionSource? _held;
    private volatile bool _down;
    private int _waiting;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Operations that have started waiting on the hold.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        await GateAsync(cancellationToken);
        return await inner.ReadAsync(keys, cancellationToken);
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        await GateAsync(cancellationToken);
        await inner.WriteAsync(changes, cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        await GateAsync(cancellationToken);
        await inner.DeleteAsync(keys, cancellationToken);
    }

    private async Task GateAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            Interlocked.Increment(ref _waiting);
            await held.Task.WaitAsync(cancellationToken);
        }

        if (Down)
        {
            throw new StorageUnavailableException("The test took the store down.");
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MarrowBot.Bot.Storage;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The bounded, in-memory buffer between turns and the transcript store, holding each activity as the
/// <see cref="TranscriptRecord"/> taken when it was logged. Adding never waits or takes a lock (turns add
/// concurrently) while there is room. When the buffer is full, the adding turn first asks <see cref="MakeRoom"/>
/// (the writer moves everything buffered to the journal, ADR 0013) and adds after it; only when no room can be made
/// (no writer yet, or the journal failing) is the new activity dropped and counted. One reader,
/// <see cref="TranscriptWriter"/>, reads from the front and removes a batch only once it is stored, so a failed
/// write is retried with the same activities in the same order. When the store is slow or down, everything buffered
/// is moved to the journal at once (<see cref="SpillTo"/>); a batch being written meanwhile is then no longer the
/// front, and its removal is ignored (the journal's replay skips it if that write did commit).
/// </summary>
public sealed class TranscriptQueue(IOptions<StorageOptions> options)
{
    /// <summary>What turns added and the reader has not looked at yet.</summary>
    private readonly ConcurrentQueue<TranscriptRecord> _incoming = new();

    /// <summary>The front of the queue, taken over by the reader and kept until it is stored.</summary>
    private readonly List<TranscriptRecord> _front = [];

    private readonly int _capacity = options.Value.TranscriptBufferCapacity;
    private int _count;
    private long _epoch;
    private long _dropped;
    private long _rejected;
    private TaskCompletionSource? _waiter;

    public int Capacity => _capacity;

    /// <summary>Activities waiting to be stored.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Activities dropped because the buffer was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Activities kept out because they could not be copied or a filter failed on them, since start.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>
    /// Called by an adding turn that finds the buffer full, to make room (the writer spills the buffer to the
    /// journal). Set once the journal is open; until then a full buffer drops.
    /// </summary>
    public Action? MakeRoom { get; set; }

    /// <summary>Adds an activity at the back; false (and counted) when the buffer is full and no room can be made.</summary>
    public bool TryEnqueue(TranscriptRecord record)
    {
        if (!TryReserve() && !(MakeRoom is { } makeRoom && Reserved(makeRoom)))
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        _incoming.Enqueue(record);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
        return true;
    }

    /// <summary>Makes room, then reserves a place: false when there is still none.</summary>
    private bool Reserved(Action makeRoom)
    {
        makeRoom();
        return TryReserve();
    }

    private bool TryReserve()
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    /// <summary>Counts an activity that never reached the queue.</summary>
    public void CountRejected() => Interlocked.Increment(ref _rejected);

    /// <summary>Up to <paramref name="max"/> activities from the front, left in the queue. For the one reader only.</summary>
    public IReadOnlyList<TranscriptRecord> Peek(int max) => Peek(max, out _);

    /// <summary>Up to <paramref name="max"/> activities from the front, and which front they are (see <see cref="Remove(int, long)"/>).</summary>
    public IReadOnlyList<TranscriptRecord> Peek(int max, out long epoch)
    {
        lock (_front)
        {
            while (_front.Count < max && _incoming.TryDequeue(out var record))
            {
                _front.Add(record);
            }

            epoch = _epoch;
            return _front.GetRange(0, Math.Min(max, _front.Count));
        }
    }

    /// <summary>Removes the <paramref name="count"/> activities at the front, once they are stored. For the one reader only.</summary>
    public void Remove(int count) => Remove(count, Interlocked.Read(ref _epoch));

    /// <summary>Removes the <paramref name="count"/> activities at the front if the front is still the one peeked in <paramref name="epoch"/>; false when it was spilled meanwhile.</summary>
    public bool Remove(int count, long epoch)
    {
        lock (_front)
        {
            if (epoch != _epoch)
            {
                return false;
            }

            Peek(count);
            var removed = Math.Min(count, _front.Count);
            _front.RemoveRange(0, removed);
            Interlocked.Add(ref _count, -removed);
            return true;
        }
    }

    /// <summary>
    /// Hands everything buffered, in order, to <paramref name="sink"/> (the journal) and removes it once the sink
    /// returns; if the sink throws, everything stays. Returns how many activities left the buffer.
    /// </summary>
    public int SpillTo(Action<IReadOnlyList<TranscriptRecord>> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_front)
        {
            while (_incoming.TryDequeue(out var record))
            {
                _front.Add(record);
            }

            if (_front.Count == 0)
            {
                return 0;
            }

            var spilled = _front.ToArray();
            sink(spilled);
            _front.Clear();
            Interlocked.Increment(ref _epoch);
            Interlocked.Add(ref _count, -spilled.Length);
            return spilled.Length;
        }
    }

    /// <summary>Waits until something may have been added (returns at once if something is waiting).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (Count == 0)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _waiter, waiter); // a full fence: an adder that counts after the check below sees this waiter
            if (Count > 0)
            {
                return;
            }

            await waiter.Task.WaitAsync(cancellationToken);
        }
    }
}

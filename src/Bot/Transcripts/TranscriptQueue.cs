using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MarrowBot.Bot.Storage;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The bounded, in-memory buffer between turns and the transcript store, holding each activity as the
/// <see cref="TranscriptRecord"/> taken when it was logged. Adding never waits: when the buffer is full the new
/// activity is dropped and counted. The writer reads from the front and removes a batch only once it
/// is stored, so a failed write is retried with the same activities in the same order.
/// </summary>
public sealed class TranscriptQueue(IOptions<StorageOptions> options)
{
    private readonly Queue<TranscriptRecord> _items = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly int _capacity = options.Value.TranscriptBufferCapacity;
    private long _dropped;
    private long _rejected;

    public int Capacity => _capacity;

    /// <summary>Activities waiting to be stored.</summary>
    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Activities dropped because the buffer was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Activities kept out because they could not be copied or a filter failed on them, since start.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Adds an activity at the back; false (and counted) when the buffer is full.</summary>
    public bool TryEnqueue(TranscriptRecord record)
    {
        lock (_items)
        {
            if (_items.Count >= _capacity)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            _items.Enqueue(record);
        }

        _signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Counts an activity that never reached the queue.</summary>
    public void CountRejected() => Interlocked.Increment(ref _rejected);

    /// <summary>Up to <paramref name="max"/> activities from the front, left in the queue.</summary>
    public IReadOnlyList<TranscriptRecord> Peek(int max)
    {
        lock (_items)
        {
            return _items.Take(max).ToList();
        }
    }

    /// <summary>Removes the <paramref name="count"/> activities at the front, once they are stored.</summary>
    public void Remove(int count)
    {
        lock (_items)
        {
            for (var i = 0; i < count && _items.Count > 0; i++)
            {
                _items.Dequeue();
            }
        }
    }

    /// <summary>Waits until something may have been added (returns at once if something is waiting).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (Count == 0)
        {
            await _signal.Reader.ReadAsync(cancellationToken);
        }
    }
}

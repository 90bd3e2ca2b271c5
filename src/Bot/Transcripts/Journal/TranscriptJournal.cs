using System.Text;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// The append-only local file that holds transcript activities while the store is slow or down, and the escalation
/// marks written before urgent and emergency replies are sent. Each append is one or more length-prefixed,
/// checksummed records (<see cref="JournalCodec"/>) followed by one fsync, so an append that returned is on disk; a
/// record torn by a kill is found at the next start and cut off, never the records before it. The
/// <see cref="TranscriptWriter"/> replays records to the store in the order written and, once all are stored,
/// truncates the file; a journal that holds escalation marks only is replayed with the writer's next batch
/// (<see cref="ReadMarks"/>), all its marks at once, rather than a transaction and a truncation per mark. Bounded in bytes and activities: past either bound only escalation records are added, and
/// what is left out is counted. The file is created owner-only (0600) and opened exclusively, so two processes
/// never share one. Only counts, sizes and exception types are logged.
/// </summary>
public sealed partial class TranscriptJournal : IDisposable, Observability.IJournalDepth
{
    private readonly Lock _gate = new();
    private readonly Lock _markGate = new();
    private readonly TranscriptJournalOptions _options;
    private readonly ILogger<TranscriptJournal> _logger;
    private readonly LinkedList<Segment> _pending = new();
    private FileStream? _file;
    private long _activities;
    private int _activitySegments;
    private long _bytes;
    private long _dropped;
    private long _keptPastBound;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<EscalationMark> _marks = [];
    private TaskCompletionSource? _marksWritten;
    private bool _writingMarks;

    public TranscriptJournal(string path, IOptions<TranscriptJournalOptions> options, ILogger<TranscriptJournal> logger)
    {
        FilePath = Path.GetFullPath(path);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The journal file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Activities in the journal waiting to be stored.</summary>
    public long JournalActivities => Interlocked.Read(ref _activities);

    /// <summary>The journal file's size.</summary>
    public long JournalBytes => Interlocked.Read(ref _bytes);

    /// <summary>Activities left out because the journal was at a bound, since start (escalation records never are).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Escalation records added past a bound, since start.</summary>
    public long KeptPastBound => Interlocked.Read(ref _keptPastBound);

    /// <summary>Whether records (activities or escalation marks) wait to be stored.</summary>
    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>
    /// Whether records holding activities wait to be stored: those are stored, in order, before anything buffered
    /// after them. Records of escalation marks only do not hold the buffer back (see <see cref="ReadMarks"/>).
    /// </summary>
    public bool HasPendingActivities
    {
        get
        {
            lock (_gate)
            {
                return _activitySegments > 0;
            }
        }
    }

    /// <summary>
    /// Opens the file (creating it 0600) and reads what an earlier run left, once; returns the activities and
    /// escalation marks found. A torn or damaged record and everything after it are cut off and logged by size.
    /// </summary>
    public (long Activities, long Escalations) Open()
    {
        lock (_gate)
        {
            return OpenLocked();
        }
    }

    /// <summary>
    /// Appends <paramref name="records"/> as records of at most <paramref name="perRecord"/> activities, then fsyncs;
    /// returns how many were kept (the rest were at a bound and are counted in <see cref="Dropped"/>). Throws when the
    /// file cannot be written; nothing of that append is then kept.
    /// </summary>
    public int Append(IReadOnlyList<TranscriptRecord> records, int perRecord)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        var kept = 0;
        var dropped = 0;
        var frames = new List<(byte[] Bytes, int Records, int Escalations)>();
        lock (_gate)
        {
            OpenLocked();
            var activities = _activities;
            var bytes = _bytes;
            var frame = new List<TranscriptRecord>(Math.Min(perRecord, records.Count));
            foreach (var record in records)
            {
                var size = Encoding.UTF8.GetByteCount(record.Json) + 256;
                var escalation = record.Triage is >= TriageTier.Urgent;
                if (activities + 1 > _options.JournalMaxActivities || bytes + size > _options.JournalMaxBytes)
                {
                    if (!escalation)
                    {
                        dropped++;
                        continue;
                    }

                    Interlocked.Increment(ref _keptPastBound);
                }

                activities++;
                bytes += size;
                frame.Add(record);
                if (frame.Count == perRecord)
                {
                    frames.Add((JournalCodec.Encode(frame, []), frame.Count, 0));
                    kept += frame.Count;
                    frame = new List<TranscriptRecord>(perRecord);
                }
            }

            if (frame.Count > 0)
            {
                frames.Add((JournalCodec.Encode(frame, []), frame.Count, 0));
                kept += frame.Count;
            }

            WriteLocked(frames);
        }

        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
        }

        return kept;
    }

    /// <summary>
    /// Writes escalation marks durably (fsynced) before the replies they belong to are sent. Callers that arrive while
    /// a write is under way are written together by one of them in the next fsync (group commit).
    /// </summary>
    public Task RecordEscalationsAsync(IReadOnlyList<EscalationMark> marks)
    {
        if (marks.Count == 0)
        {
            return Task.CompletedTask;
        }

        TaskCompletionSource written;
        lock (_markGate)
        {
            _marks.AddRange(marks);
            written = _marksWritten ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_writingMarks)
            {
                return written.Task;
            }

            _writingMarks = true;
        }

        // This caller writes, on its own thread (no hop to a busy thread pool before a safety reply), until none wait.
        while (true)
        {
            List<EscalationMark> batch;
            TaskCompletionSource done;
            lock (_markGate)
            {
                if (_marks.Count == 0)
                {
                    _writingMarks = false;
                    break;
                }

                (batch, _marks) = (_marks, []);
                done = _marksWritten!;
                _marksWritten = null;
            }

            try
            {
                lock (_gate)
                {
                    OpenLocked();
                    Interlocked.Add(ref _keptPastBound, _bytes > _options.JournalMaxBytes ? batch.Count : 0);
                    WriteLocked([(JournalCodec.Encode([], batch), 0, batch.Count)]);
                }

                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }

        return written.Task;
    }

    /// <summary>The oldest record not yet stored, or null. A record that cannot be read is logged, counted as dropped and skipped.</summary>
    public JournalBatch? ReadOldest()
    {
        lock (_gate)
        {
            OpenLocked();
            while (_pending.First?.Value is { } segment)
            {
                var payload = new byte[segment.PayloadLength];
                try
                {
                    RandomAccess.Read(_file!.SafeFileHandle, payload, segment.Offset + JournalCodec.HeaderSize);
                    return JournalCodec.Decode(segment.Offset, payload);
                }
                catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or FormatException or IOException)
                {
                    LogUnreadable(_logger, segment.Records, segment.Escalations, ex.GetType().Name);
                    Interlocked.Add(ref _dropped, segment.Records);
                    RemoveFirstLocked();
                }
            }

            return null;
        }
    }

    /// <summary>
    /// When the journal holds escalation marks only (no activities), all of them as one batch whose
    /// <see cref="JournalBatch.Offset"/> is the last record's, to be stored together and completed with
    /// <see cref="CompleteMarks"/>; otherwise null. A mark raises its conversation's stored tier and never lowers
    /// it, so marks can be stored after activities buffered later without changing what is stored. A record that
    /// cannot be read is logged and skipped.
    /// </summary>
    public JournalBatch? ReadMarks()
    {
        lock (_gate)
        {
            OpenLocked();
            if (_activitySegments > 0 || _pending.Count == 0)
            {
                return null;
            }

            var marks = new List<EscalationMark>();
            var last = -1L;
            for (var node = _pending.First; node is not null;)
            {
                var next = node.Next;
                var segment = node.Value;
                var payload = new byte[segment.PayloadLength];
                try
                {
                    RandomAccess.Read(_file!.SafeFileHandle, payload, segment.Offset + JournalCodec.HeaderSize);
                    marks.AddRange(JournalCodec.Decode(segment.Offset, payload).Escalations);
                    last = segment.Offset;
                }
                catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or FormatException or IOException)
                {
                    LogUnreadable(_logger, segment.Records, segment.Escalations, ex.GetType().Name);
                    _pending.Remove(node);
                    TruncateIfEmptyLocked();
                }

                node = next;
            }

            return last < 0 ? null : new JournalBatch(last, [], marks);
        }
    }

    /// <summary>Marks the records <see cref="ReadMarks"/> returned stored (those marks appended since stay); when none is left the file is truncated.</summary>
    public void CompleteMarks(JournalBatch batch)
    {
        lock (_gate)
        {
            while (_pending.First?.Value is { Records: 0 } segment && segment.Offset <= batch.Offset)
            {
                RemoveFirstLocked();
            }
        }
    }

    /// <summary>Marks the oldest record stored; when none is left the file is truncated.</summary>
    public void Complete(JournalBatch batch)
    {
        lock (_gate)
        {
            if (_pending.First?.Value.Offset == batch.Offset)
            {
                RemoveFirstLocked();
            }
        }
    }

    /// <summary>Waits until a record is appended (returns at once if one waits).</summary>
    public Task WaitPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _pending.Count > 0 ? Task.CompletedTask : _appended.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private (long Activities, long Escalations) OpenLocked()
    {
        if (_file is not null)
        {
            return (0, 0);
        }

        // The journal may open before the store has created the folder: it is owner-only whoever creates it.
        Storage.OwnerOnly.CreateFolder(Path.GetDirectoryName(FilePath)!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(FilePath, options);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var (activities, escalations, end) = Scan(file);
            if (end < file.Length)
            {
                LogTornTail(_logger, file.Length - end, end);
                file.SetLength(end);
                file.Flush(flushToDisk: true);
            }

            _file = file;
            Interlocked.Exchange(ref _bytes, end);
            return (activities, escalations);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads record headers from the start and checks each checksum; returns the counts and where the intact records end.</summary>
    private (long Activities, long Escalations, long End) Scan(FileStream file)
    {
        var handle = file.SafeFileHandle;
        var length = file.Length;
        var header = new byte[JournalCodec.HeaderSize];
        long offset = 0, activities = 0, escalations = 0;
        while (offset + JournalCodec.HeaderSize <= length
            && RandomAccess.Read(handle, header, offset) == JournalCodec.HeaderSize
            && JournalCodec.PayloadLength(header) is var payloadLength and >= 0
            && offset + JournalCodec.HeaderSize + payloadLength <= length)
        {
            var payload = new byte[payloadLength];
            if (RandomAccess.Read(handle, payload, offset + JournalCodec.HeaderSize) != payloadLength || !JournalCodec.IsIntact(header, payload))
            {
                break;
            }

            var (records, marks) = JournalCodec.Counts(payload);
            _pending.AddLast(new Segment(offset, payloadLength, records, marks));
            _activitySegments += records > 0 ? 1 : 0;
            Interlocked.Add(ref _activities, records);
            activities += records;
            escalations += marks;
            offset += JournalCodec.HeaderSize + payloadLength;
        }

        return (activities, escalations, offset);
    }

    /// <summary>Appends the frames and fsyncs; on failure the file is cut back to where it was, so no half record stays.</summary>
    private void WriteLocked(List<(byte[] Bytes, int Records, int Escalations)> frames)
    {
        if (frames.Count == 0)
        {
            return;
        }

        var file = _file!;
        var start = file.Length;
        try
        {
            file.Seek(0, SeekOrigin.End);
            foreach (var frame in frames)
            {
                file.Write(frame.Bytes);
            }

            file.Flush(flushToDisk: true);
        }
        catch
        {
            try
            {
                file.SetLength(start);
            }
            catch (IOException)
            {
                // The next start's scan cuts a torn record off all the same.
            }

            throw;
        }

        var offset = start;
        foreach (var frame in frames)
        {
            _pending.AddLast(new Segment(offset, frame.Bytes.Length - JournalCodec.HeaderSize, frame.Records, frame.Escalations));
            _activitySegments += frame.Records > 0 ? 1 : 0;
            Interlocked.Add(ref _activities, frame.Records);
            offset += frame.Bytes.Length;
        }

        Interlocked.Exchange(ref _bytes, offset);
        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void RemoveFirstLocked()
    {
        var segment = _pending.First!.Value;
        _pending.RemoveFirst();
        _activitySegments -= segment.Records > 0 ? 1 : 0;
        Interlocked.Add(ref _activities, -segment.Records);
        TruncateIfEmptyLocked();
    }

    private void TruncateIfEmptyLocked()
    {
        if (_pending.Count == 0 && _file is { } file)
        {
            // Everything is stored: start the file again, so it takes no disk and the next start reads nothing.
            file.SetLength(0);
            file.Flush(flushToDisk: true);
            Interlocked.Exchange(ref _bytes, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transcript journal ended in a torn or damaged record: {Bytes} bytes after offset {Offset} ignored (a write cut short by a crash)")]
    private static partial void LogTornTail(ILogger logger, long bytes, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "A transcript journal record of {Activities} activities and {Escalations} escalation marks could not be read ({ExceptionType}) and was skipped")]
    private static partial void LogUnreadable(ILogger logger, int activities, int escalations, string exceptionType);

    private readonly record struct Segment(long Offset, int PayloadLength, int Records, int Escalations);
}

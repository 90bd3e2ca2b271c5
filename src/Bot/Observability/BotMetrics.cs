using System.Diagnostics.Metrics;
using MarrowBot.Bot.Transcripts;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// The bot's OpenTelemetry instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> (created through
/// <see cref="IMeterFactory"/>, so each host has its own): turns, triage tiers, reply kinds, turn latency, store
/// errors, and the depth of the transcript buffer and of the journal. Every tag comes from a short fixed list
/// (<see cref="MetricTags"/>); a message's text, a conversation id or a user id never becomes a value or a tag.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "MarrowBot";

    /// <summary>Turn latency buckets in milliseconds: a turn takes about a millisecond, a stalled store seconds.</summary>
    private static readonly double[] LatencyBuckets = [0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly Counter<long> _turns;
    private readonly Counter<long> _tiers;
    private readonly Counter<long> _replies;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _storeErrors;
    private volatile JournalDepth? _journal;

    public BotMetrics(IMeterFactory meters, TranscriptQueue transcripts)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("marrowbot.turns", "{turn}", "Turns processed, by activity type and channel");
        _tiers = meter.CreateCounter<long>("marrowbot.triage", "{turn}", "Turns with replies, by the highest triage tier among them");
        _replies = meter.CreateCounter<long>("marrowbot.replies", "{reply}", "Replies sent, by kind");
        _latency = meter.CreateHistogram("marrowbot.turn.duration", "ms", "Time from a turn's start in the adapter to its end", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _storeErrors = meter.CreateCounter<long>("marrowbot.store.errors", "{error}", "Failed store operations, by store (state, transcript) and operation");
        meter.CreateObservableGauge("marrowbot.transcript.buffer.depth", () => (long)transcripts.Count, "{activity}", "Transcript activities waiting in memory for the store");
        meter.CreateObservableCounter("marrowbot.transcript.dropped", () => transcripts.Dropped, "{activity}", "Transcript activities dropped because the buffer was full, since start");
        meter.CreateObservableGauge("marrowbot.journal.activities", () => Observe(_journal?.Activities), "{activity}", "Transcript activities waiting in the local journal for the store");
        meter.CreateObservableGauge("marrowbot.journal.bytes", () => Observe(_journal?.Bytes), "By", "Size of the local transcript journal");
    }

    /// <summary>
    /// Reports the journal's depth from now on (the journal that keeps transcripts while the store is down). Until
    /// this is called, or when there is no journal, the two journal gauges report nothing.
    /// </summary>
    public void ObserveJournal(Func<long> activities, Func<long> bytes)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(bytes);
        _journal = new JournalDepth(activities, bytes);
    }

    /// <summary>One turn ended: its activity type and channel, how long it took, and the highest tier among its replies (null without replies).</summary>
    public void Turn(string? activityType, string? channelId, double milliseconds, string? highestTier)
    {
        var type = MetricTags.ActivityType(activityType);
        _turns.Add(1, new KeyValuePair<string, object?>("activity.type", type), new KeyValuePair<string, object?>("channel", MetricTags.Channel(channelId)));
        _latency.Record(milliseconds, new KeyValuePair<string, object?>("activity.type", type));
        if (highestTier is not null)
        {
            _tiers.Add(1, new KeyValuePair<string, object?>("tier", MetricTags.Tier(highestTier)));
        }
    }

    public void Reply(string? kind) => _replies.Add(1, new KeyValuePair<string, object?>("kind", MetricTags.Kind(kind)));

    /// <summary>A store operation failed; <paramref name="store"/> and <paramref name="operation"/> are the callers' own constants.</summary>
    public void StoreError(string store, string operation) =>
        _storeErrors.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("operation", operation));

    private static IEnumerable<Measurement<long>> Observe(Func<long>? read) => read is null ? [] : [new Measurement<long>(read())];

    private sealed record JournalDepth(Func<long> Activities, Func<long> Bytes);
}

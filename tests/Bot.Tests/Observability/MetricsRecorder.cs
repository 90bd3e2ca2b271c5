using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MarrowBot.Bot.Observability;

namespace MarrowBot.Bot.Tests.Observability;

/// <summary>
/// Listens to one host's "MarrowBot" meter (its own <see cref="IMeterFactory"/>, so other hosts running at the same
/// time are not heard) and keeps every measurement with its tags.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MetricsRecorder(IServiceProvider host)
    {
        var scope = host.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measured.Enqueue(new Measured(instrument.Name, value, ToDictionary(tags))));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measured.Enqueue(new Measured(instrument.Name, value, ToDictionary(tags))));
        _listener.Start();
    }

    public IReadOnlyList<Measured> All => [.. _measured];

    /// <summary>Asks the observable instruments (gauges) for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public IEnumerable<Measured> Of(string instrument) => _measured.Where(m => m.Instrument == instrument);

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private static Dictionary<string, string?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString();
        }

        return result;
    }

    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}

namespace MarrowBot.Bot.Observability;

/// <summary>Where the bot's metrics go.</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: the instruments still count (a MeterListener or dotnet-counters can read them), nothing is exported.</summary>
    None,

    /// <summary>Pushed over OTLP to <see cref="TelemetryOptions.OtlpEndpoint"/> (an OpenTelemetry Collector, most back ends).</summary>
    Otlp,

    /// <summary>Served for scraping at <c>/metrics</c> in Prometheus' text format, to loopback or to a caller with the scrape key.</summary>
    Prometheus,
}

using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace MarrowBot.Bot.Observability;

/// <summary>"Telemetry" settings: which exporter the metrics go to, and its details.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The scrape path with the Prometheus exporter.</summary>
    public const string ScrapePath = "/metrics";

    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>The OTLP receiver, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318/v1/metrics (HTTP); required for Otlp.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed over OTLP.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With it set, a scrape of /metrics from any address is answered when it sends <c>Authorization: Bearer</c> with
    /// this key; without it, only direct loopback requests (not relayed by a proxy) are. At least 32 characters.
    /// </summary>
    public string? PrometheusScrapeKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Exporter == TelemetryExporter.Otlp && OtlpEndpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute http or https URL when Telemetry:Exporter is Otlp.", [nameof(OtlpEndpoint)]);
        }

        if (PrometheusScrapeKey is { } key && (key.Length < 32 || key.Any(char.IsWhiteSpace)))
        {
            // The message never shows the key.
            yield return new ValidationResult("Telemetry:PrometheusScrapeKey must be at least 32 characters without spaces.", [nameof(PrometheusScrapeKey)]);
        }
    }
}

using MarrowBot.Bot.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace MarrowBot.Bot.Observability;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot's metrics (<see cref="BotMetrics"/> and the <see cref="TurnMetricsMiddleware"/> the adapter
    /// uses), counts the state and transcript stores' failures, and, as "Telemetry:Exporter" says, exports them with
    /// ASP.NET Core's and the runtime's own meters over OTLP or for a Prometheus scrape. Call after the stores are registered.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton(sp =>
        {
            var metrics = new BotMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TranscriptQueue>());
            if (sp.GetService<IJournalDepth>() is { } journal)
            {
                metrics.ObserveJournal(() => journal.JournalActivities, () => journal.JournalBytes);
            }

            return metrics;
        });
        services.AddSingleton<TurnMetricsMiddleware>();
        Decorate<IStorage>(services, (sp, inner) => new MeteredStorage(inner, sp.GetRequiredService<BotMetrics>()));
        Decorate<ITranscriptStore>(services, (sp, inner) => inner is ITranscriptBatchStore batches ? new MeteredTranscriptStore(batches, sp.GetRequiredService<BotMetrics>()) : inner);

        // The exporter is chosen while services are registered; a value that does not bind falls back to None here
        // and stops the host at start through the options validation, with the setting's name.
        TelemetryOptions settings;
        try
        {
            settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        }
        catch (InvalidOperationException)
        {
            settings = new TelemetryOptions();
        }

        if (settings.Exporter == TelemetryExporter.None)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(BotMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime");
            if (settings.Exporter == TelemetryExporter.Otlp)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = settings.OtlpEndpoint!;
                    exporter.Protocol = settings.OtlpProtocol;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpExportInterval.TotalMilliseconds;
                });
            }
            else
            {
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeEndpointPath = TelemetryOptions.ScrapePath);
            }
        });
        return services;
    }

    /// <summary>Creates the instruments at start (so the gauges report before the first turn) and, with the Prometheus exporter, serves /metrics to those <see cref="ScrapeAccess"/> allows.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<BotMetrics>();
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Exporter == TelemetryExporter.Prometheus)
        {
            var access = new ScrapeAccess(options);
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == TelemetryOptions.ScrapePath && HttpMethods.IsGet(context.Request.Method) && access.Allows(context));
        }

        return app;
    }

    /// <summary>Wraps the last registration of <typeparamref name="TService"/> (keeping its lifetime) in <paramref name="wrap"/>.</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var index = services.Count - 1;
        while (index >= 0 && (services[index].ServiceType != typeof(TService) || services[index].IsKeyedService))
        {
            index--;
        }

        if (index < 0)
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => wrap(sp, (TService)Create(sp, original)), original.Lifetime);
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}

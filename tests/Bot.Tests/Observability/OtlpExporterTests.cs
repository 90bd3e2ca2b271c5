using System.Collections.Concurrent;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Observability;

/// <summary>The OTLP exporter through the real host, pushing to a receiver on loopback; and the settings' validation.</summary>
[Collection(ExporterCollection.Name)]
public sealed class OtlpExporterTests
{
    [Fact]
    public async Task WithOtlpTheTurnMetricsArePushedToTheConfiguredEndpoint()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        await using var receiver = await StartReceiverAsync(bodies);
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = "Otlp",
            ["Telemetry:OtlpEndpoint"] = receiver.Urls.First() + "/v1/metrics",
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
            ["Telemetry:OtlpExportInterval"] = "00:00:00.200",
        };
        await using var host = await BotHost.StartAsync(settings: settings);

        await host.SendAsync(Message("seal-2207 my dad collapsed and is not breathing", "conv-seal-2207"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!bodies.Any(b => Contains(b, "marrowbot.triage") && Contains(b, "emergency")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(bodies, b => Contains(b, "marrowbot.turns") && Contains(b, "marrowbot.triage") && Contains(b, "emergency"));
        Assert.DoesNotContain(bodies, b => Contains(b, "seal"));
    }

    [Theory]
    [InlineData("Otlp", null, null, "Telemetry:OtlpEndpoint")]
    [InlineData("Otlp", "not a url", null, "Telemetry:OtlpEndpoint")]
    [InlineData("Prometheus", null, "too-short-key", "Telemetry:PrometheusScrapeKey")]
    public async Task ABadTelemetrySettingStopsTheHostNamingTheSetting(string exporter, string? endpoint, string? key, string setting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = exporter,
            ["Telemetry:OtlpEndpoint"] = endpoint,
            ["Telemetry:PrometheusScrapeKey"] = key,
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotHost.StartAsync(settings: settings));

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-key", failure.Message, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>An OTLP/HTTP receiver: keeps each request body and answers 200 with an empty protobuf response.</summary>
    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<byte[]> bodies)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            bodies.Enqueue(buffer.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return app;
    }
}

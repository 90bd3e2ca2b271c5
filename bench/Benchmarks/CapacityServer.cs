using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Benchmarks;

/// <summary>
/// The server side of <see cref="CapacityBenchmark"/>, run as its own process: MarrowBot exactly as Program.cs
/// builds it (optionally with a transcript store that always fails), or a minimal echo bot on the same stack (the
/// same appsettings.json, Kestrel, Bot Framework authentication from configuration, CloudAdapter, logging), without
/// MarrowBot's middleware, storage or knowledge. Both also answer GET /bench/memory with their peak GC heap.
/// </summary>
public static class CapacityServer
{
    public static async Task RunAsync(string bot, string url, string sqlitePath, bool storeDown)
    {
        var contentRoot = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Storage:SqlitePath"] = sqlitePath,

            // One client address sends every turn here: the limiter still runs on each request, at a limit this load stays under.
            ["RateLimits:MessagesPerMinute"] = "1000000",
        });
        if (bot == "echo")
        {
            builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(builder.Configuration, logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
            builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
            builder.Services.AddTransient<IBot, EchoBot>();
        }
        else
        {
            builder.AddMarrowBot();
            if (storeDown)
            {
                builder.Services.AddSingleton<ITranscriptStore>(new FailingTranscriptStore());
            }
        }

        var app = builder.Build();
        if (bot == "echo")
        {
            app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot echo, CancellationToken cancellationToken) =>
                adapter.ProcessAsync(request, response, echo, cancellationToken));
            app.MapGet("/healthz", () => Results.Ok());
        }
        else
        {
            app.MapMarrowBot();
        }

        var peakHeap = 0L;
        using var sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(false)), null, 0, 20);
        app.MapGet("/bench/memory", () =>
        {
            var queue = app.Services.GetService<TranscriptQueue>();
            return Results.Json(new { peakGcHeap = Interlocked.Read(ref peakHeap), gcHeap = GC.GetTotalMemory(false), transcriptBuffered = queue?.Count ?? 0, transcriptDropped = queue?.Dropped ?? 0 });
        });
        await app.RunAsync();
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("echo: " + turnContext.Activity.Text), cancellationToken);
    }

    /// <summary>A transcript store that is down: every write fails at once, so activities wait in the buffer (or the journal).</summary>
    private sealed class FailingTranscriptStore : ITranscriptStore
    {
        public Task LogActivityAsync(IActivity activity) => throw new IOException("The transcript store is down (benchmark).");

        public Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default) =>
            throw new IOException("The transcript store is down (benchmark).");

        public Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null) => throw new IOException("The transcript store is down (benchmark).");

        public Task DeleteTranscriptAsync(string channelId, string conversationId) => throw new IOException("The transcript store is down (benchmark).");
    }
}

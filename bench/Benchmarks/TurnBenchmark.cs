using System.Diagnostics;
using MarrowBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Benchmarks;

/// <summary>
/// One turn in process: the real bot (handler, responder, classifier, retrieval, state) behind Bot Builder's
/// TestAdapter, so HTTP and JSON are excluded. Messages rotate through answers, clarifications and declines.
/// </summary>
public static class TurnBenchmark
{
    private static readonly string[] Messages =
    [
        "what causes marrow failure?",
        "why am i so tierd all the time",
        "hello",
        "what dose of ciclosporin should i take",
        "is it genetic",
        "energy",
        "thanks so much",
        "can stem cells fix my marrow",
    ];

    public static async Task<string> RunAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0") });
        using var store = new TemporaryStore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = store.Path,
            ["Knowledge:DataDirectory"] = Path.Combine(Paths.Root, "data"),
            ["Knowledge:ModelDirectory"] = Path.Combine(Paths.Root, ".cache", "models"),
        });
        builder.Logging.ClearProviders();
        builder.AddMarrowBot();
        await using var app = builder.Build();
        var bot = app.Services.GetRequiredService<IBot>();

        var adapter = new TestAdapter(TestAdapter.CreateConversation("bench"));
        for (var i = 0; i < 5000; i++)
        {
            await Turn(adapter, bot, Messages[i % Messages.Length]);
        }

        var times = new List<double>();
        for (var i = 0; i < 5000; i++)
        {
            var watch = Stopwatch.StartNew();
            await Turn(adapter, bot, Messages[i % Messages.Length]);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return $"turn in process (TestAdapter, real bot): {Percentiles.Describe(times)}";
    }

    private static async Task Turn(TestAdapter adapter, IBot bot, string text)
    {
        await adapter.ProcessActivityAsync((Microsoft.Bot.Schema.Activity)MessageFactory.Text(text), bot.OnTurnAsync, CancellationToken.None);
        while (adapter.ActiveQueue.Count > 0)
        {
            adapter.ActiveQueue.Dequeue();
        }
    }
}

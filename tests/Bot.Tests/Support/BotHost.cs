using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Transcripts;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// The real bot host on Kestrel, bound to a free loopback port, built exactly as Program.cs builds it. Unless the
/// settings choose a store, each host keeps its state and transcripts in its own SQLite file in a temporary folder.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _dataFolder;

    private BotHost(WebApplication app, CapturingLoggerProvider logs, string? dataFolder)
    {
        _app = app;
        _dataFolder = dataFolder;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BotHost> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = environment });
        // Every test client, load tests included, is one loopback address: per-address limits are for the internet
        // (tests of the limits set their own).
        // Words only unless a test asks for meaning (Embeddings:Provider Local, the deployed default): the sentence
        // encoder costs several milliseconds a turn on these two cores, and the channel, storage and fault tests are
        // about other things. The meaning path has its own host tests (Functional/MeaningThroughTheHostTests).
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0", ["RateLimits:MessagesPerMinute"] = "1000000", ["RateLimits:DirectLinePerMinute"] = "1000000", ["Embeddings:Provider"] = "None",
        };
        string? dataFolder = null;
        if (settings?.ContainsKey("Storage:SqlitePath") != true)
        {
            dataFolder = Directory.CreateTempSubdirectory("marrowbot-host-").FullName;
            overrides["Storage:SqlitePath"] = Path.Combine(dataFolder, "marrowbot.db");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.AddMarrowBot();
        services?.Invoke(builder.Services);

        WebApplication? app = null;
        try
        {
            app = builder.Build();
            app.MapMarrowBot();
            await app.StartAsync();
            return new BotHost(app, logs, dataFolder);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            DeleteFolder(dataFolder);
            throw;
        }
    }

    /// <summary>Waits until every transcript activity buffered so far is in the store.</summary>
    public Task FlushTranscriptsAsync() => FlushTranscriptsAsync(TimeSpan.FromSeconds(20));

    /// <summary>Waits until every buffered and journalled activity is stored, failing after <paramref name="timeout"/>.</summary>
    public async Task FlushTranscriptsAsync(TimeSpan timeout)
    {
        Assert.True(await Services.GetRequiredService<TranscriptWriter>().FlushAsync(timeout), "The transcript buffer did not empty.");
    }

    /// <summary>Posts an activity with deliveryMode expectReplies and returns the replies from the HTTP response.</summary>
    public async Task<JArray> SendAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await PostAsync(activity.ToString());
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : (JArray)JObject.Parse(body)["activities"]!;
    }

    public Task<HttpResponseMessage> PostAsync(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync("/api/messages", content);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        DeleteFolder(_dataFolder);
    }

    private static void DeleteFolder(string? folder)
    {
        // The host's database closed its own pooled connections when it was disposed; clearing every pool here
        // closed other running hosts' connections too, and with them their WAL files.
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

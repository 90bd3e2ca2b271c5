using System.Net;
using System.Net.Http.Json;
using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Improve;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>
/// Two instances on one PostgreSQL database share the editors' overlay (ADR 0029, addendum): an addition made on
/// one is listed on the other, and once the first instance's retrain is accepted the second notices the changed
/// version, retrains through the same gate and answers the phrasing with its intent. Words only, an answering
/// slack of three (the strict gate keeps any single phrasing out) and the shortest poll interval.
/// </summary>
public sealed class SharedOverlayOnPostgresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Question = "flibbertigrump wozzlequank kindly";

    private PostgresServer _server = null!;
    private string _database = string.Empty;
    private BotHost _first = null!;
    private BotHost _second = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateSchemaAsync("overlay");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = _database,
            ["Knowledge:GateAnswerSlack"] = "3",
            ["Knowledge:OverlayPollSeconds"] = "5",
        };
        _first = await BotHost.StartAsync(TestStaffAuthentication.AddTo, settings);
        _second = await BotHost.StartAsync(TestStaffAuthentication.AddTo, settings);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _server.DropSchemaAsync(_database);
    }

    [Fact]
    public async Task APhrasingAddedOnOneInstanceIsListedOnTheOtherAndAfterTheRetrainBothAnswerItWithTheIntent()
    {
        var intent = _first.Services.GetRequiredService<KnowledgeBase>().Faqs[0].Id;
        Assert.NotEqual(intent, await IntentOfReplyAsync(_second, Question));
        var conversation = "shared-overlay-" + Guid.NewGuid().ToString("N");
        await _first.SendAsync(Activities.Message(Question, conversation));
        await _first.FlushTranscriptsAsync();
        using var onFirst = Client(_first, "ed.first");
        using var onSecond = Client(_second, "ed.second");
        var key = new ConversationKey("emulator", conversation).ToSegment();
        var token = await StaffConsoleHost.FormTokenAsync(onFirst, $"/staff/conversations/{key}");
        var transcript = JObject.Parse(await onFirst.GetStringAsync($"/staff/api/conversations/{key}"));
        var message = (string)transcript["turns"]!.First(t => (string)t["role"]! == "user")["activityKey"]!;

        using (var added = await PostAsync(onFirst, $"/staff/api/conversations/{key}/turns/{message}/improve", token, new { action = "phrasing", intent }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var listed = JObject.Parse(await onSecond.GetStringAsync("/staff/api/improve"))["entries"]!.Single(e => (string?)e["text"] == Question);
        Assert.Equal(intent, (string?)listed["intentOrTier"]);
        Assert.Contains(Question, await onSecond.GetStringAsync("/staff/improve"), StringComparison.Ordinal);

        using (var retrain = await PostAsync(onFirst, "/staff/api/improve/retrain", await StaffConsoleHost.FormTokenAsync(onFirst, "/staff/improve"), new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await EventuallyAsync(async () => await IntentOfReplyAsync(_first, Question) == intent), "the first instance never answered the phrasing with its intent");
        var firstSwapped = watch.Elapsed;
        Assert.True(await EventuallyAsync(async () => await IntentOfReplyAsync(_second, Question) == intent), "the second instance never swapped to the retrained model");
        output.WriteLine($"after the retrain request: first instance answers with the intent in {firstSwapped.TotalSeconds:F1} s, second in {watch.Elapsed.TotalSeconds:F1} s");
        var runs = JObject.Parse(await onSecond.GetStringAsync("/staff/api/improve"))["runs"]!;
        Assert.Contains(runs, r => (string?)r["requestedBy"] == OverlayWatcher.RequestedBy && (string?)r["outcome"] == "accepted");
        Assert.Equal(_first.Services.GetRequiredService<LiveKnowledge>().OverlayVersion, _second.Services.GetRequiredService<LiveKnowledge>().OverlayVersion);
    }

    private static HttpClient Client(BotHost host, string name)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add(TestStaffAuthentication.Header, $"{name}|editor");
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body), Headers = { { "X-CSRF-TOKEN", token } } };
        return await client.SendAsync(request);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 240; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }

    private static async Task<string?> IntentOfReplyAsync(BotHost host, string text)
    {
        var replies = await host.SendAsync(Activities.Message(text, "shared-overlay-" + Guid.NewGuid().ToString("N")));
        var outcomes = replies.SelectMany(r => r["entities"] as JArray ?? []).Where(e => (string?)e["type"] == "marrowbot.outcome");
        return outcomes.Select(o => (string?)o["intent"]).LastOrDefault();
    }
}

using System.Collections.Concurrent;
using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Load;

/// <summary>
/// Load with nothing lost, through the real host: 5,000 turns from 64 conversations at a time posted to
/// /api/messages (deliveryMode expectReplies), on SQLite and on PostgreSQL. Every request gets 200, every message
/// the replies it should (an emergency among them the emergency reply alone), and once the transcript buffer is
/// flushed the store holds every activity in and out exactly once, in order, per conversation. Nothing is timed.
/// </summary>
public sealed class LoadTests
{
    private const int Conversations = 500;
    private const int TurnsPerConversation = 10;
    private const int Concurrency = 64;
    private const string Emergency = "my dad collapsed and is not breathing";

    /// <summary>A conversation's messages and the reply kinds each gets; every fifth conversation ends with an emergency.</summary>
    private static readonly (string Text, string[] Kinds)[] Script =
    [
        ("what causes marrow failure?", ["welcome", "answer"]),
        ("thanks", ["smalltalk"]),
        ("what causes marrow failure?", ["answer"]),
        ("bye", ["smalltalk"]),
        ("thanks", ["smalltalk"]),
        ("what causes marrow failure?", ["answer"]),
        ("thanks", ["smalltalk"]),
        ("what causes marrow failure?", ["answer"]),
        ("bye", ["smalltalk"]),
        ("what causes marrow failure?", ["answer"]),
    ];

    [Fact]
    public async Task FiveThousandTurnsAt64ConversationsAtOnceOnSqliteAreAllAnsweredAndStoredOnceInOrder()
    {
        await using var host = await BotHost.StartAsync();

        await RunAndCheckAsync(host);
    }

    [Fact]
    public async Task FiveThousandTurnsAt64ConversationsAtOnceOnPostgresAreAllAnsweredAndStoredOnceInOrder()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateSchemaAsync("load");
        try
        {
            await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:PostgresConnectionString"] = database,
            });

            await RunAndCheckAsync(host);
        }
        finally
        {
            await server.DropSchemaAsync(database);
        }
    }

    private static async Task RunAndCheckAsync(BotHost host)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var expected = new ConcurrentDictionary<string, List<(string Role, string What)>>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var wrongReplies = new ConcurrentBag<string>();
        var emergencies = 0;
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Conversations)
            {
                var conversation = $"load-{run}-{index}";
                var transcript = new List<(string Role, string What)>();
                for (var turn = 0; turn < TurnsPerConversation; turn++)
                {
                    var emergency = index % 5 == 4 && turn == TurnsPerConversation - 1;
                    var (text, kinds) = emergency ? (Emergency, new[] { "triage" }) : Script[turn];
                    var replies = await PostAsync(host, Message(text, conversation), statuses);
                    if (replies is null)
                    {
                        continue;
                    }

                    transcript.Add(("user", text));
                    transcript.AddRange(replies.Select(r => ("bot", Kind(r) + ": " + (string?)r["text"])));
                    if (!replies.Select(Kind).SequenceEqual(kinds) || (emergency && (string?)Outcome(replies[0])["triage"] != "emergency"))
                    {
                        wrongReplies.Add($"{conversation} turn {turn}: [{string.Join(", ", replies.Select(Kind))}], expected [{string.Join(", ", kinds)}]");
                    }

                    if (emergency)
                    {
                        Interlocked.Increment(ref emergencies);
                    }
                }

                expected[conversation] = transcript;
            }
        }));

        Assert.Equal(Conversations * TurnsPerConversation, statuses.Count);
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Empty(wrongReplies);
        Assert.Equal(Conversations / 5, emergencies);

        // 5,000 turns are over 13,000 activities: on a shared two-core machine under a full test run, PostgreSQL
        // can take longer than the usual 20 s to store them all (over 90 s once, with other builds running); the test is
        // about none being lost, not speed.
        await host.FlushTranscriptsAsync(TimeSpan.FromSeconds(240));
        var queue = host.Services.GetRequiredService<TranscriptQueue>();
        Assert.True(queue.Dropped == 0, $"{queue.Dropped} transcript activities dropped; the writer's log:\n{string.Join("\n", host.Logs.Lines.Where(l => l.Contains("transcript", StringComparison.OrdinalIgnoreCase)))}");
        Assert.Equal(0, queue.Rejected);
        var store = host.Services.GetRequiredService<ITranscriptStore>();
        var mismatched = new List<string>();
        foreach (var (conversation, transcript) in expected)
        {
            var stored = (await TranscriptCheck.ReadAllAsync(store, "emulator", conversation)).Select(Describe).ToList();
            if (!stored.SequenceEqual(transcript))
            {
                mismatched.Add($"{conversation}: stored {stored.Count} activities, expected {transcript.Count}");
            }
        }

        Assert.Empty(mismatched);
        Assert.Equal(Conversations * TurnsPerConversation, expected.Values.Sum(t => t.Count(a => a.Role == "user")));
    }

    private static async Task<JArray?> PostAsync(BotHost host, JObject activity, ConcurrentBag<HttpStatusCode> statuses)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await host.PostAsync(activity.ToString());
        statuses.Add(response.StatusCode);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : (JArray)JObject.Parse(body)["activities"]!;
    }

    private static (string Role, string What) Describe(IActivity activity) =>
        activity.From?.Role == RoleTypes.User
            ? ("user", ((IMessageActivity)activity).Text)
            : ("bot", (string)((IMessageActivity)activity).Entities.Single(e => e.Type == "marrowbot.outcome").Properties["kind"]! + ": " + ((IMessageActivity)activity).Text);
}

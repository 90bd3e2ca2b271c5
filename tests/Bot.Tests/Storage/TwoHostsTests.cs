using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// Two instances of the bot on one PostgreSQL database, as behind a load balancer: a conversation's turns alternate
/// between them through POST /api/messages, and each picks up where the other left off.
/// </summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string _database = string.Empty;
    private BotHost _a = null!;
    private BotHost _b = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateSchemaAsync("hosts");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = _database,
        };

        // Both start at once on an empty schema: the migrations must be applied exactly once between them.
        var hosts = await Task.WhenAll(BotHost.StartAsync(settings: settings), BotHost.StartAsync(settings: settings));
        (_a, _b) = (hosts[0], hosts[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _server.DropSchemaAsync(_database);
    }

    [Fact]
    public async Task AConversationAlternatingBetweenInstancesKeepsItsStateAndOneWholeTranscript()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var first = await TurnAsync(_a, "what causes marrow failure?", conversation);
        var clarify = await TurnAsync(_b, "treatment", conversation);
        var options = clarify.Single()["suggestedActions"]!["actions"]!.Select(a => (string)a["value"]!).ToList();
        var picked = await TurnAsync(_a, "2", conversation);
        var thanks = await TurnAsync(_b, "thanks", conversation);

        Assert.Equal(["welcome", "answer"], first.Select(Kind));
        Assert.Equal(["clarify"], clarify.Select(Kind));
        Assert.Equal(["answer"], picked.Select(Kind));
        var second = _a.Services.GetRequiredService<KnowledgeBase>().Faqs.Single(f => f.Question == options[1]);
        Assert.Equal(second.Id, (string)Outcome(picked.Single())["intent"]!);
        Assert.DoesNotContain("welcome", thanks.Select(Kind));

        var transcript = await TranscriptCheck.ReadAllAsync(_b.Services.GetRequiredService<ITranscriptStore>(), "emulator", conversation);
        Assert.Equal(
            [
                ("user", "what causes marrow failure?"), ("bot", "welcome"), ("bot", "answer"),
                ("user", "treatment"), ("bot", "clarify"),
                ("user", "2"), ("bot", "answer"),
                ("user", "thanks"), .. thanks.Select(r => ("bot", Kind(r))),
            ],
            transcript.Select(Describe));
        var summary = (await _a.Services.GetRequiredService<ITranscriptQueries>().GetConversationAsync("emulator", conversation, CancellationToken.None))!;
        Assert.True(summary.Clarified);
        Assert.Equal(transcript.Count, summary.ActivityCount);
    }

    [Fact]
    public async Task AnEscalationOnOneInstanceIsListedByTheOther()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        await TurnAsync(_a, "my husband has collapsed and won't wake up", conversation);

        var escalated = await _b.Services.GetRequiredService<ITranscriptQueries>().ListEscalatedAsync(TriageTier.Urgent, DateTimeOffset.UtcNow.AddMinutes(-5), 100, CancellationToken.None);
        Assert.Contains(escalated, c => c.ConversationId == conversation && c.EscalatedTier == TriageTier.Emergency);
    }

    /// <summary>
    /// One turn, then the host's transcript buffer is emptied: a person takes seconds to type the next message, and
    /// the transcript's order is the order activities reach the store (docs/decisions/0006-storage.md).
    /// </summary>
    private static async Task<JArray> TurnAsync(BotHost host, string text, string conversation)
    {
        var replies = await host.SendAsync(Message(text, conversation));
        await host.FlushTranscriptsAsync();
        return replies;
    }

    private static (string Role, string What) Describe(IActivity activity) =>
        activity.From.Role == RoleTypes.User
            ? ("user", ((IMessageActivity)activity).Text)
            : ("bot", (string)((IMessageActivity)activity).Entities.Single(e => e.Type == "marrowbot.outcome").Properties["kind"]!);
}

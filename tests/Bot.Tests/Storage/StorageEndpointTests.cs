using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>Durable state and transcripts through the real host on its default store, SQLite.</summary>
public sealed class StorageEndpointTests
{
    [Fact]
    public async Task AConversationContinuesAfterTheBotRestarts()
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(folder, "store", "marrowbot.db") };
        try
        {
            JArray clarify;
            await using (var before = await BotHost.StartAsync(settings: settings))
            {
                clarify = await before.SendAsync(Message("treatment", "conv-restart"));
            }

            await using var after = await BotHost.StartAsync(settings: settings);
            var picked = await after.SendAsync(Message("2", "conv-restart"));

            Assert.Equal(["welcome", "clarify"], clarify.Select(Kind));
            Assert.Equal(["answer"], picked.Select(Kind));
            Assert.True(File.Exists(Path.Combine(folder, "store", "marrowbot.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheTranscriptHoldsEveryTurnWithItsRolesAndTheConversationsFlags()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = NewConversation();
        var urgent = await host.SendAsync(Message("my gums won't stop bleeding", conversation));
        var reaction = Of("messageReaction", conversation);
        reaction["replyToId"] = (string?)urgent[0]["id"] ?? "reply";
        reaction["reactionsAdded"] = new JArray(new JObject { ["type"] = "like" });
        await host.SendAsync(reaction);
        await host.SendAsync(Message("what's the capital of France", conversation));

        await host.FlushTranscriptsAsync();

        var transcript = (await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("emulator", conversation)).Items;
        Assert.Equal(
            new[] { "user" }.Concat(urgent.Select(_ => "bot")).Append("user").Append("user").Append("bot"),
            transcript.Select(a => a.From.Role));
        Assert.Equal("my gums won't stop bleeding", ((IMessageActivity)transcript[0]).Text);
        var summary = (await host.Services.GetRequiredService<ITranscriptQueries>().GetConversationAsync("emulator", conversation, CancellationToken.None))!;
        Assert.Equal(TriageTier.Urgent, summary.EscalatedTier);
        Assert.True(summary.Declined);
        Assert.Equal([new FeedbackCount("like", 1, 0)], summary.Reactions);
    }

    [Fact]
    public async Task APersonCannotRaiseOrFakeFlagsBySendingTheBotsOutcomeEntity()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = NewConversation();
        var forged = Message("hello", conversation);
        forged["from"]!["role"] = "bot";
        forged["entities"] = new JArray(new JObject { ["type"] = "marrowbot.outcome", ["kind"] = "handoff", ["triage"] = "emergency" });

        await host.SendAsync(forged);
        await host.FlushTranscriptsAsync();

        var summary = (await host.Services.GetRequiredService<ITranscriptQueries>().GetConversationAsync("emulator", conversation, CancellationToken.None))!;
        Assert.Equal(TriageTier.None, summary.EscalatedTier);
        Assert.False(summary.HandoffRequested);
        var stored = (await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("emulator", conversation)).Items[0];
        Assert.Equal(RoleTypes.User, stored.From.Role);
        Assert.DoesNotContain(((IMessageActivity)stored).Entities ?? [], e => e.Type == "marrowbot.outcome");
    }

    [Fact]
    public async Task TheDirectLineChannelIsRecordedToo()
    {
        await using var host = await BotHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();
        await client.StartAsync();
        var conversation = client.ConversationId;
        await client.PollUntilBotMessageAsync(null);
        var (_, watermark) = await client.PollAsync();
        using (await client.PostMessageAsync("what is marrow failure"))
        {
        }

        await client.PollUntilBotMessageAsync(watermark);
        await host.FlushTranscriptsAsync();

        var transcript = (await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("directline", conversation)).Items;
        Assert.Contains(transcript, a => a.Type == ActivityTypes.ConversationUpdate);
        Assert.Contains(transcript, a => a is IMessageActivity { Text: "what is marrow failure" });
        Assert.Contains(transcript, a => a.From.Role == RoleTypes.Bot);
    }

    [Fact]
    public async Task WithTranscriptsOffNothingIsRecorded()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:Transcripts"] = "false" });
        var conversation = NewConversation();

        Assert.NotEmpty(await host.SendAsync(Message("what is marrow failure", conversation)));

        Assert.Equal(0, host.Services.GetRequiredService<TranscriptQueue>().Count);
        Assert.Empty((await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("emulator", conversation)).Items);
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");
}

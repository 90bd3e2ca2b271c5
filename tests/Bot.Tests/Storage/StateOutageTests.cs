using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The state store hanging or down under the real host: a safety reply never waits on it, and a short in-process
/// memory keeps the conversation (welcome shown, a pending question) until the store is back, when the store wins.
/// </summary>
public sealed class StateOutageTests
{
    private static readonly Dictionary<string, string?> Numbers = new() { ["Safety:EmergencyNumber"] = "999" };

    [Fact]
    public async Task AnEmergencyIsAnsweredInTheWebChatWhileTheStateStoreStillHangs()
    {
        ControllableStorage store = null!;
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<IStorage>(sp => store = new ControllableStorage(sp.GetRequiredService<SqliteStorage>())), Numbers);
        var client = new DirectLineClient(host.Client);
        await client.GenerateAsync();
        await client.StartAsync();
        await client.PollUntilBotMessageAsync(null);
        var (_, watermark) = await client.PollAsync();

        store.Hold();
        using var posted = await client.PostMessageAsync("my dad collapsed and is not breathing");
        posted.EnsureSuccessStatusCode();
        // Released only once the reply is there: a turn that read state first would wait for ever.
        var arrived = await client.PollUntilBotMessageAsync(watermark, TimeSpan.FromSeconds(30));
        store.Release();

        var reply = arrived.First(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot");
        Assert.Equal("emergency", (string)Outcome(reply)["triage"]!);
        Assert.Contains("Call 999 now", (string)reply["text"]!);
    }

    [Fact]
    public async Task WithTheStoreDownSeveralTurnsInARowGetOneWelcome()
    {
        ControllableStorage store = null!;
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<IStorage>(sp => store = new ControllableStorage(sp.GetRequiredService<SqliteStorage>())), Numbers);
        _ = host.Services.GetRequiredService<IStorage>();
        store.Down = true;
        var conversation = NewConversation();

        var kinds = new List<string>();
        foreach (var text in new[] { "hello", "what causes marrow failure?", "thanks", "what is aplastic anaemia?" })
        {
            kinds.AddRange((await host.SendAsync(Message(text, conversation))).Select(Kind));
        }

        Assert.Equal(1, kinds.Count(k => k == "welcome"));
        Assert.Equal("welcome", kinds[0]);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Conversation state read failed with StorageUnavailableException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APendingFollowUpQuestionSurvivesTheOutage()
    {
        ControllableStorage store = null!;
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<IStorage>(sp => store = new ControllableStorage(sp.GetRequiredService<SqliteStorage>())), Numbers);
        var conversation = NewConversation();
        var asked = await host.SendAsync(Message("I feel awful and hot", conversation));
        Assert.Contains("None of these", asked.First(r => Kind(r) == "triage")["suggestedActions"]!["actions"]!.Select(a => (string)a["value"]!));

        store.Down = true;
        var reading = await host.SendAsync(Message("39", conversation));

        // "39" alone is no temperature; as the answer to the pending question it is a fever.
        var triage = reading.First(r => Kind(r) == "triage");
        Assert.Equal("urgent", (string)Outcome(triage)["triage"]!);
        Assert.DoesNotContain("welcome", reading.Select(Kind));
    }

    [Fact]
    public async Task ABareNumberWithoutAPendingQuestionIsNoTemperature()
    {
        await using var host = await BotHost.StartAsync(settings: Numbers);

        var replies = await host.SendAsync(Message("39", NewConversation()));

        Assert.DoesNotContain("triage", replies.Select(Kind));
    }

    [Fact]
    public async Task AfterTheStoreReturnsTheStoredStateWinsOverTheMemory()
    {
        ControllableStorage store = null!;
        await using var host = await BotHost.StartAsync(services => services.AddSingleton<IStorage>(sp => store = new ControllableStorage(sp.GetRequiredService<SqliteStorage>())), Numbers);
        var conversation = NewConversation();
        await host.SendAsync(Message("hello", conversation));
        store.Down = true;
        var duringOutage = await host.SendAsync(Message("thanks", conversation));

        // Meanwhile another instance, which could reach the store, deleted the conversation's state ("forget me").
        await host.Services.GetRequiredService<SqliteStorage>().DeleteAsync([$"emulator/conversations/{conversation}"]);
        store.Down = false;
        var afterwards = await host.SendAsync(Message("what causes marrow failure?", conversation));

        Assert.DoesNotContain("welcome", duringOutage.Select(Kind));
        Assert.Equal("welcome", Kind(afterwards.First()));
    }

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");
}

using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>Redaction before storage, "forget me", through the real host on SQLite.</summary>
public sealed class PrivacyEndpointTests
{
    private const string Personal = "my number is 07700 900123, I'm called Sarah Jones and I have crushing chest pain";

    [Fact]
    public async Task PersonalDataIsRedactedBeforeStorageWhileTriageReadsTheOriginal()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = NewConversation();

        var replies = await host.SendAsync(Message(Personal, conversation));
        await host.FlushTranscriptsAsync();

        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
        var stored = ((IMessageActivity)(await Transcript(host, conversation))[0]).Text;
        Assert.DoesNotContain("900123", stored);
        Assert.DoesNotContain("Sarah", stored);
        Assert.Contains("[phone]", stored);
        Assert.Contains("crushing chest pain", stored);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("900123", StringComparison.Ordinal) || l.Contains("Sarah", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedactionCanBeSwitchedOffForAnApprovedStore()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Privacy:RedactTranscripts"] = "false" });
        var conversation = NewConversation();

        await host.SendAsync(Message(Personal, conversation));
        await host.FlushTranscriptsAsync();

        Assert.Equal(Personal, ((IMessageActivity)(await Transcript(host, conversation))[0]).Text);
    }

    [Fact]
    public async Task ForgetMeAfterConfirmingDeletesTheTranscriptAndTheStateAndSaysSo()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = NewConversation();
        var other = NewConversation();
        await host.SendAsync(Message("what causes marrow failure?", conversation));
        await host.SendAsync(Message("what causes marrow failure?", other));

        var asked = await host.SendAsync(Message("please forget me", conversation));
        var done = await host.SendAsync(Message(ForgetMe.Confirm, conversation));
        await host.Services.GetRequiredService<ConversationEraser>().Completion;
        await host.FlushTranscriptsAsync();

        Assert.Equal(ForgetMe.Intent, (string)Outcome(asked.Single())["intent"]!);
        Assert.Contains("deleted", (string)done.Single()["text"]!);
        Assert.Empty(await Transcript(host, conversation));
        Assert.NotEmpty(await Transcript(host, other));
        Assert.Null(await host.Services.GetRequiredService<ITranscriptQueries>().GetConversationAsync("emulator", conversation, CancellationToken.None));

        var again = await host.SendAsync(Message("hello", conversation));
        Assert.Equal("welcome", Kind(again[0]));
    }

    [Fact]
    public async Task DecliningToBeForgottenKeepsEverything()
    {
        await using var host = await BotHost.StartAsync();
        var conversation = NewConversation();
        await host.SendAsync(Message("what causes marrow failure?", conversation));

        await host.SendAsync(Message("delete my data", conversation));
        var kept = await host.SendAsync(Message(ForgetMe.Cancel, conversation));
        await host.FlushTranscriptsAsync();

        Assert.Contains("haven't deleted", (string)kept.Single()["text"]!);
        Assert.True((await Transcript(host, conversation)).Count >= 6);
    }

    private static async Task<IList<IActivity>> Transcript(BotHost host, string conversation) =>
        (await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("emulator", conversation)).Items;

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");
}

using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>An overlay file that cannot be read (ADR 0029) does not stop the bot: it answers from the curated data and the console says why.</summary>
public sealed class CorruptOverlayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-corrupt-overlay-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheBotStartsAndAnswersFromTheCuratedDataAndTheConsoleSaysTheOverlayCouldNotBeRead()
    {
        var overlay = Path.Combine(_folder, OverlayFile.DefaultFileName);
        await File.WriteAllTextAsync(overlay, """{"phrasings":[{"intent":"no-such-intent","text":"private words of a patient"}]}""");
        await using var host = await BotHost.StartAsync(TestStaffAuthentication.AddTo, new Dictionary<string, string?> { ["Knowledge:OverlayPath"] = overlay });

        var replies = await host.SendAsync(Activities.Message("what causes marrow failure?", "corrupt-" + Guid.NewGuid().ToString("N")));
        using var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add(TestStaffAuthentication.Header, "ed.corrupt|editor");
        var status = JObject.Parse(await client.GetStringAsync("/staff/api/improve"));
        var page = await client.GetStringAsync("/staff/improve");

        Assert.Contains(replies, r => (string?)r["text"] is { Length: > 0 });
        Assert.Contains("phrasings #1", (string?)status["overlayProblem"], StringComparison.Ordinal);
        Assert.Contains("The overlay could not be read", page, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, m => m.Contains("overlay could not be read", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, m => m.Contains("private words", StringComparison.Ordinal));
    }
}

using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>An overlay file from before the overlay moved into the store (ADR 0029, addendum) is imported once, logged, and left alone.</summary>
public sealed class OverlayImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-overlay-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnOverlayFileIsImportedIntoAnEmptyStoreOnceAndTheBotStartsWithIt()
    {
        var file = Path.Combine(_folder, OverlayFile.DefaultFileName);
        var settings = new Dictionary<string, string?> { ["Knowledge:OverlayPath"] = file, ["Storage:SqlitePath"] = Path.Combine(_folder, "marrowbot.db") };
        string intent;
        await using (var probe = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(_folder, "probe.db") }))
        {
            intent = probe.Services.GetRequiredService<KnowledgeBase>().Faqs[0].Id;
        }

        OverlayFile.Write(file, KnowledgeOverlay.Empty with { Phrasings = [new OverlayPhrasing(intent, "an imported phrasing", "ed.file", DateTimeOffset.UnixEpoch, null)] });
        var written = await File.ReadAllBytesAsync(file);

        await using (var host = await BotHost.StartAsync(settings: settings))
        {
            var stored = await host.Services.GetRequiredService<IOverlayStore>().ReadAsync(CancellationToken.None);
            Assert.Equal(1, stored!.Version);
            Assert.Contains(host.Services.GetRequiredService<LiveKnowledge>().Current.Knowledge.Overlay.Phrasings, p => p.Text == "an imported phrasing");
            Assert.Contains(host.Logs.Lines, m => m.Contains("Imported the overlay file", StringComparison.Ordinal));
        }

        await using (var again = await BotHost.StartAsync(settings: settings))
        {
            Assert.Equal(1, await again.Services.GetRequiredService<IOverlayStore>().VersionAsync(CancellationToken.None));
            Assert.DoesNotContain(again.Logs.Lines, m => m.Contains("Imported the overlay file", StringComparison.Ordinal));
        }

        Assert.Equal(written, await File.ReadAllBytesAsync(file));
    }
}

using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>Where patient data lives by default, refusal of the build output, and owner-only permissions on disk (Unix modes).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StorageLocationTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("marrowbot-location-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void InDevelopmentTheDefaultIsTheRepositoryDataStoreFoundAboveTheContentRoot()
    {
        var contentRoot = BuiltBotIn(Repository());

        var location = new StorageLocation("Development", contentRoot, Path.Combine(_root, "home", ".local", "share"));

        Assert.Equal(Path.Combine(_root, "repo", "data-store", "marrowbot.db"), location.Resolve(null));
        Assert.Equal(Path.Combine(_root, "repo", "data-store", "marrowbot.db"), location.Resolve(""));
    }

    [Fact]
    public void OutsideDevelopmentTheDefaultIsTheApplicationDataFolderEvenInARepository()
    {
        var contentRoot = BuiltBotIn(Repository());
        var appData = Path.Combine(_root, "home", ".local", "share");

        Assert.Equal(Path.Combine(appData, "MarrowBot", "marrowbot.db"), new StorageLocation("Production", contentRoot, appData).Resolve(""));
        Assert.Equal(Path.Combine(appData, "MarrowBot", "marrowbot.db"), new StorageLocation("Staging", contentRoot, appData).Resolve(""));
    }

    [Fact]
    public void InDevelopmentOutsideARepositoryTheDefaultIsTheApplicationDataFolder()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_root, "published")).FullName;
        var appData = Path.Combine(_root, "appdata");

        Assert.Equal(Path.Combine(appData, "MarrowBot", "marrowbot.db"), new StorageLocation("Development", contentRoot, appData).Resolve(""));
    }

    [Fact]
    public void AnAbsolutePathIsKeptAndARelativeOneIsTakenFromTheContentRoot()
    {
        var location = new StorageLocation("Production", Path.Combine(_root, "app"), Path.Combine(_root, "appdata"));

        Assert.Equal(Path.Combine(_root, "var", "store.db"), location.Resolve(Path.Combine(_root, "var", "store.db")));
        Assert.Equal(Path.Combine(_root, "app", "store", "x.db"), location.Resolve("store/x.db"));
    }

    [Fact]
    public void WithoutAnApplicationDataFolderAndNoPathStartUpIsRefusedNamingTheSetting()
    {
        var validator = new StorageLocationValidator(new StorageLocation("Production", _root, localApplicationData: ""));

        var result = validator.Validate(null, new StorageOptions());

        Assert.True(result.Failed);
        Assert.Contains("Storage:SqlitePath", result.FailureMessage);
    }

    [Theory]
    [InlineData("data-store/marrowbot.db")]
    [InlineData("bin/Debug/net10.0/data-store/marrowbot.db")]
    [InlineData("obj/marrowbot.db")]
    public async Task AStoreInsideTheBuildOutputStopsStartUpNamingTheSetting(string underContentRoot)
    {
        // The test host's content root is its own bin/ folder, as the bot's is: the old default lands there.
        var path = underContentRoot.StartsWith("data-store", StringComparison.Ordinal) ? underContentRoot : Path.Combine(_root, underContentRoot);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = path }));

        Assert.Contains("Storage:SqlitePath", error.Message);
        Assert.Contains("bin/ or obj/", error.Message);
    }

    [Fact]
    public async Task WithNoPathConfiguredTheHostKeepsItsStoreInTheDefaultFolder()
    {
        var appData = Path.Combine(_root, "home", ".local", "share");
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = string.Empty };
        await using (var host = await BotHost.StartAsync(
            services => services.AddSingleton(new StorageLocation("Production", AppContext.BaseDirectory, appData)), settings))
        {
            await host.SendAsync(Message("hello", "conv-default-folder"));
            await host.FlushTranscriptsAsync();
        }

        Assert.True(File.Exists(Path.Combine(appData, "MarrowBot", "marrowbot.db")));
    }

    [Fact]
    public async Task TwoBotsWhoseDatabasesShareAFolderEachKeepTheirOwnJournal()
    {
        // The journal is opened exclusively: with one default name for the folder, the second bot could not journal
        // at all and would drop transcripts while its store was down.
        var folder = Path.Combine(_root, "shared-folder");
        await using var first = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(folder, "first.db") });
        await using var second = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(folder, "second.db") });
        var journals = new[] { first, second }.Select(h => h.Services.GetRequiredService<Bot.Transcripts.Journal.TranscriptJournal>()).ToList();

        Assert.Equal([Path.Combine(folder, "first.transcripts.journal"), Path.Combine(folder, "second.transcripts.journal")], journals.Select(j => j.FilePath));
        foreach (var journal in journals)
        {
            // Throws when the file cannot be opened (held by the other bot).
            await journal.RecordEscalationsAsync([new Bot.Transcripts.Journal.EscalationMark("emulator", "conv-journal", Knowledge.Triage.TriageTier.Urgent, DateTimeOffset.UtcNow)]);
        }
    }

    [Fact]
    public async Task TheStoreFolderIsOwnerOnlyAndTheDatabaseAndItsWalAndShmFilesAreToo()
    {
        var folder = Path.Combine(_root, "new", "store");
        var file = Path.Combine(folder, "marrowbot.db");
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = file });

        await host.SendAsync(Message("hello", "conv-permissions"));
        await host.FlushTranscriptsAsync();

        Assert.Equal(OwnerAll, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerAll, File.GetUnixFileMode(Path.Combine(_root, "new")));
        foreach (var name in new[] { file, file + "-wal", file + "-shm" })
        {
            Assert.True(File.Exists(name), $"{Path.GetFileName(name)} should exist while the host runs");
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(name));
        }
    }

    [Fact]
    public async Task AnExistingDatabaseReadableByOthersIsTightenedAtStart()
    {
        var file = Path.Combine(_root, "marrowbot.db");
        File.WriteAllBytes(file, []);
        File.SetUnixFileMode(file, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqlitePath"] = file });

        await host.SendAsync(Message("hello", "conv-tighten"));
        await host.FlushTranscriptsAsync();

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void OwnerOnlyCreatesAFileThatWasNeverWiderThan0600()
    {
        var file = Path.Combine(OwnerOnly.CreateFolder(Path.Combine(_root, "journal")).FullName, "journal.log");

        OwnerOnly.EnsureFile(file);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        Assert.Equal(OwnerAll, File.GetUnixFileMode(Path.Combine(_root, "journal")));
    }

    private string Repository()
    {
        var repository = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        File.WriteAllText(Path.Combine(repository, "MarrowBot.sln"), string.Empty);
        return repository;
    }

    private static string BuiltBotIn(string repository) =>
        Directory.CreateDirectory(Path.Combine(repository, "src", "Bot", "bin", "Release", "net10.0")).FullName;
}

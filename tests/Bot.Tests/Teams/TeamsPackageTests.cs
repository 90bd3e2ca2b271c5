using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>teams/package.sh, run as a person runs it: bash, an app id in the environment, a zip out.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string SampleAppId = "6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-teams-").FullName;

    private string Output => Path.Combine(_folder, "out", "marrowbot-teams.zip");

    [Fact]
    public async Task BuildsAZipWithTheManifestAndBothIconsAtItsRoot()
    {
        var run = await PackageAsync(SampleAppId);

        Assert.True(run.ExitCode == 0, run.Error);
        using var zip = ZipFile.OpenRead(Output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FillsTheAppIdAndTheBotIdFromTheEnvironment()
    {
        await PackageAsync(SampleAppId);

        var manifest = ReadManifest();
        Assert.Equal(SampleAppId, (string)manifest["id"]!);
        var bot = Assert.Single(manifest["bots"]!);
        Assert.Equal(SampleAppId, (string)bot["botId"]!);
        Assert.DoesNotContain("{{", manifest.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManifestUsesSchema119WithABotInAllThreeScopesAndNoFiles()
    {
        await PackageAsync(SampleAppId);

        var manifest = ReadManifest();
        Assert.Equal("1.19", (string)manifest["manifestVersion"]!);
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", (string)manifest["$schema"]!);
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.Values<string>());
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.All(new[] { "short", "full" }, key =>
        {
            var description = (string)manifest["description"]![key]!;
            Assert.Contains("not a diagnosis", description, StringComparison.Ordinal);
            Assert.Contains("emergency", description, StringComparison.OrdinalIgnoreCase);
        });
        Assert.InRange(((string)manifest["description"]!["short"]!).Length, 1, 80);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public async Task IconsHaveTheSizesTeamsRequires(string icon, int size)
    {
        await PackageAsync(SampleAppId);

        using var zip = ZipFile.OpenRead(Output);
        using var png = zip.GetEntry(icon)!.Open();
        var header = new byte[26];
        await png.ReadExactlyAsync(header);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(header, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
        Assert.Equal(6, header[25]); // RGBA: the outline icon needs its transparent background
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-guid")]
    [InlineData("6f1c2b9e3a4d4e5f8a9b0c1d2e3f4a5b")]
    [InlineData("{{MICROSOFT_APP_ID}}")]
    public async Task RefusesAnEmptyOrInvalidAppIdAndWritesNothing(string appId)
    {
        var run = await PackageAsync(appId);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("MicrosoftAppId", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private JObject ReadManifest()
    {
        using var zip = ZipFile.OpenRead(Output);
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        return JObject.Parse(reader.ReadToEnd());
    }

    private async Task<(int ExitCode, string Error)> PackageAsync(string appId)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, "teams", "package.sh"), Output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MicrosoftAppId"] = appId;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}

using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Commands;
using MarrowBot.Staff.Improve;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary><c>staff regressions export</c> (ADR 0029) on the real host's services: the overlay's triage cases appended to the regression file once.</summary>
public sealed class RegressionExportTests(StaffConsoleHost console) : IClassFixture<StaffConsoleHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ExportAppendsTheOverlaysTriageCasesToTheFileOnceAndPrintsNoText()
    {
        var file = Path.Combine(_folder, TriageRegressions.FileName);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", TriageRegressions.FileName), file);
        var committed = TriageRegressions.Load(file).Count;
        var editor = console.Host.Services.GetRequiredService<OverlayEditor>();
        var word = StaffConsoleHost.Word();
        var id = await editor.AddTriageCaseAsync($"blood keeps coming from my gums {word}", TriageTier.Urgent, "ed.export", DateTimeOffset.UtcNow, "missed-red-flag", null, CancellationToken.None);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var first = await StaffCommand.RunAsync(console.Host.Services, ["staff", "regressions", "export", "--file", file], () => null, output, error, CancellationToken.None);
        var second = await StaffCommand.RunAsync(console.Host.Services, ["staff", "regressions", "export", "--file", file], () => null, output, error, CancellationToken.None);

        Assert.Equal((0, 0), (first, second));
        var cases = TriageRegressions.Load(file);
        var exported = Assert.Single(cases, c => c.Id == id);
        Assert.Equal(TriageTier.Urgent, exported.Tier);
        Assert.Equal(committed + 1, cases.Count);
        Assert.Equal(1, cases.Count(c => c.Id == id));
        Assert.DoesNotContain(word, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("description", File.ReadAllText(file), StringComparison.Ordinal);
    }
}

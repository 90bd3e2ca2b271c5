using System.Diagnostics;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// <c>MarrowBot.Bot staff ...</c> run as a real process (the built bot, as <c>dotnet run --project src/Bot -- staff</c>
/// runs it) on a temporary SQLite file, the way an administrator would.
/// </summary>
[Collection(BotProcessCollection.Name)]
public sealed class StaffCommandLineTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-staff-cli-").FullName;

    private string DatabasePath => Path.Combine(_folder, "marrowbot.db");

    [Fact]
    public async Task AddCreatesAnAccountWithThePasswordFromStandardInputAndNeverPrintsIt()
    {
        var run = await RunAsync(["staff", "add", "Alice", "--role", "editor"], input: Password);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Added editor 'Alice'.", run.Output);
        Assert.DoesNotContain(Password, run.Output);
        var account = await StoreFind("alice");
        Assert.Equal(StaffRoles.Editor, account!.Role);
        Assert.True(new StaffPasswords().Verify(account.PasswordHash, Password));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((StaffAuditActors.CommandLine, StaffAuditActions.AccountChanged, "Alice"), (entry.Actor, entry.Action, entry.Target));
    }

    [Fact]
    public async Task AddTakesThePasswordFromTheEnvironmentWhenItIsSet()
    {
        var run = await RunAsync(["staff", "add", "bea", "--role", "reviewer"], environment: Password);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(new StaffPasswords().Verify((await StoreFind("bea"))!.PasswordHash, Password));
    }

    [Theory]
    [InlineData(new[] { "staff", "add", "carl", "--role", "admin" }, Password, 2, "unknown role 'admin'")]
    [InlineData(new[] { "staff", "add", "carl" }, Password, 2, "--role is required")]
    [InlineData(new[] { "staff", "add", "--role", "reviewer" }, Password, 2, "name is missing")]
    [InlineData(new[] { "staff", "add", "carl", "--role", "reviewer" }, "too short", 2, "at least 12 characters")]
    [InlineData(new[] { "staff", "add", "carl smith", "--role", "reviewer" }, Password, 2, "A name has only letters")]
    [InlineData(new[] { "staff", "add", "carl", "smith", "--role", "reviewer" }, Password, 2, "unknown command or extra arguments")]
    [InlineData(new[] { "staff", "remove", "nobody" }, null, 1, "no account named 'nobody'")]
    [InlineData(new[] { "staff", "reset-password", "nobody" }, Password, 1, "no account named 'nobody'")]
    [InlineData(new[] { "staff", "rename", "carl" }, null, 2, "Usage:")]
    public async Task BadInputGetsAClearMessageAndANonZeroExitCodeAndChangesNothing(string[] args, string? input, int exitCode, string message)
    {
        var run = await RunAsync(args, input);

        Assert.True(run.ExitCode == exitCode, run.Output);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain(Password, run.Output);
        Assert.DoesNotContain("too short", run.Output);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task ANameTakenInAnotherCaseIsRefused()
    {
        Assert.Equal(0, (await RunAsync(["staff", "add", "dana", "--role", "reviewer"], Password)).ExitCode);

        var run = await RunAsync(["staff", "add", "DANA", "--role", "editor"], Password);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("already exists", run.Output);
        Assert.Equal(StaffRoles.Reviewer, (await StoreFind("dana"))!.Role);
    }

    [Fact]
    public async Task ListShowsEveryAccountWithItsRoleAndWhetherItIsLocked()
    {
        await RunAsync(["staff", "add", "eve", "--role", "reviewer"], Password);
        await RunAsync(["staff", "add", "finn", "--role", "editor"], Password);
        await LockAsync("finn");

        var run = await RunAsync(["staff", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"eve\s+reviewer\s+\S+ \S+ active", run.Output);
        Assert.Matches(@"finn\s+editor\s+\S+ \S+ locked until", run.Output);
    }

    [Fact]
    public async Task ResetPasswordSetsTheNewPasswordAndUnlocksTheAccount()
    {
        await RunAsync(["staff", "add", "gus", "--role", "reviewer"], Password);
        await LockAsync("gus");

        var run = await RunAsync(["staff", "reset-password", "GUS"], "a different long password");

        Assert.True(run.ExitCode == 0, run.Output);
        var account = await StoreFind("gus");
        Assert.False(account!.IsLockedAt(DateTimeOffset.UtcNow));
        Assert.True(new StaffPasswords().Verify(account.PasswordHash, "a different long password"));
        Assert.Contains(await AuditAsync(), e => e.Target == "gus" && e.Detail == "password reset, unlocked");
    }

    [Fact]
    public async Task RemoveDeletesTheAccountAndRecordsIt()
    {
        await RunAsync(["staff", "add", "hal", "--role", "reviewer"], Password);

        var run = await RunAsync(["staff", "remove", "hal"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(await StoreFind("hal"));
        Assert.Contains(await AuditAsync(), e => e.Target == "hal" && e.Detail == "removed" && e.Actor == StaffAuditActors.CommandLine);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, string? input = null, string? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        info.ArgumentList.Add(BotProcess.BotAssembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { "--Storage:SqlitePath", DatabasePath, "--Storage:JournalPath", Path.Combine(_folder, "transcripts.journal") })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove(MarrowBot.Staff.Commands.StaffCommand.PasswordVariable);
        if (environment is not null)
        {
            info.Environment[MarrowBot.Staff.Commands.StaffCommand.PasswordVariable] = environment;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private SqliteStaffStore Store() => new(new SqliteDatabase(DatabasePath, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance));

    private Task<StaffAccount?> StoreFind(string name) => Store().FindAsync(name, CancellationToken.None);

    private Task<IReadOnlyList<StaffAuditEntry>> AuditAsync() =>
        File.Exists(DatabasePath) ? Store().ListAsync(100, null, CancellationToken.None) : Task.FromResult<IReadOnlyList<StaffAuditEntry>>([]);

    private async Task LockAsync(string name)
    {
        var store = Store();
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailedSignInAsync(name, 5, DateTimeOffset.UtcNow.AddMinutes(15), DateTimeOffset.UtcNow, CancellationToken.None);
        }
    }
}

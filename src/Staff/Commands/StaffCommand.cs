using System.Globalization;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Commands;

/// <summary>
/// <c>dotnet run --project src/Bot -- staff add|list|remove|reset-password ...</c>: local accounts managed from the
/// command line, against the configured store (migrated first), without starting the web server. A password comes
/// from <see cref="PasswordVariable"/>, else one line of standard input (typed without echo at a terminal); it is
/// never printed. Each change goes in the audit log as <see cref="StaffAuditActors.CommandLine"/>.
/// <c>staff regressions export</c> appends the overlay's triage cases to the committed regression file (ADR 0029).
/// Exit codes: 0 done, 1 refused (name taken, no such account, unreadable overlay), 2 bad input.
/// </summary>
public static class StaffCommand
{
    public const string Verb = "staff";
    public const string PasswordVariable = "MARROWBOT_STAFF_PASSWORD";

    public const int Done = 0;
    public const int Refused = 1;
    public const int BadInput = 2;

    private const string Usage =
        "Usage:\n" +
        "  staff add <name> --role reviewer|editor   (password from MARROWBOT_STAFF_PASSWORD or standard input)\n" +
        "  staff list\n" +
        "  staff remove <name>\n" +
        "  staff reset-password <name>               (also unlocks the account)\n" +
        "  staff regressions export [--file <path>]  (the overlay's triage cases into data/triage-regressions.json)";

    /// <summary>Whether the process was started to run this command rather than the bot.</summary>
    public static bool IsInvoked(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    /// <summary>Runs the command on the console; returns the exit code.</summary>
    public static Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args) =>
        RunAsync(services, args, ReadConsolePassword, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, Func<string?> readPassword, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (positional, role, file) = Parse(args);
        if (positional.Count == 0)
        {
            await error.WriteLineAsync(Usage);
            return BadInput;
        }

        if (positional is ["regressions", "export"])
        {
            return await Improve.RegressionExport.RunAsync(
                services.GetRequiredService<Improve.OverlayEditor>(),
                services.GetRequiredService<IStaffAuditLog>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath,
                file,
                output,
                error,
                cancellationToken);
        }

        var accounts = services.GetRequiredService<IStaffAccountStore>();
        var audit = services.GetRequiredService<IStaffAuditLog>();
        var time = services.GetRequiredService<TimeProvider>();
        var command = new Context(accounts, audit, time, output, error, cancellationToken);
        switch (positional[0])
        {
            case "list" when positional.Count == 1:
                return await command.ListAsync();
            case "add" or "remove" or "reset-password" when positional.Count == 1:
                await error.WriteLineAsync($"staff {positional[0]}: the account's name is missing.\n{Usage}");
                return BadInput;
            case "add" when positional.Count == 2:
                return await command.AddAsync(positional[1], role, services.GetRequiredService<StaffPasswords>(), readPassword);
            case "remove" when positional.Count == 2:
                return await command.RemoveAsync(positional[1]);
            case "reset-password" when positional.Count == 2:
                return await command.ResetPasswordAsync(positional[1], services.GetRequiredService<StaffPasswords>(), readPassword);
            default:
                await error.WriteLineAsync($"staff: unknown command or extra arguments: {string.Join(' ', positional)}\n{Usage}");
                return BadInput;
        }
    }

    /// <summary>
    /// The command's own words and <c>--role</c>. Any other <c>--Key value</c> (or <c>--Key=value</c>) is host
    /// configuration, such as <c>--Storage:SqlitePath</c>, which the host has read already.
    /// </summary>
    private static (List<string> Positional, string? Role, string? File) Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        string? role = null;
        string? file = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                positional.Add(arg);
                continue;
            }

            var value = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..] : (i + 1 < args.Count ? args[++i] : string.Empty);
            if (arg.TrimStart('-').Split('=')[0].Equals("role", StringComparison.OrdinalIgnoreCase))
            {
                role = value;
            }
            else if (arg.TrimStart('-').Split('=')[0].Equals("file", StringComparison.OrdinalIgnoreCase))
            {
                file = value;
            }
        }

        return (positional, role, file);
    }

    private static string? ReadConsolePassword()
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        var first = ReadHidden("Password: ");
        var second = ReadHidden("Password again: ");
        if (first != second)
        {
            Console.Error.WriteLine("The two passwords differ.");
            return null;
        }

        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return new string([.. typed]);
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Count > 0)
                {
                    typed.RemoveAt(typed.Count - 1);
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Add(key.KeyChar);
            }
        }
    }

    private sealed record Context(IStaffAccountStore Accounts, IStaffAuditLog Audit, TimeProvider Time, TextWriter Output, TextWriter Error, CancellationToken CancellationToken)
    {
        public async Task<int> ListAsync()
        {
            var now = Time.GetUtcNow();
            var accounts = await Accounts.ListAsync(CancellationToken);
            if (accounts.Count == 0)
            {
                await Output.WriteLineAsync("No staff accounts.");
                return Done;
            }

            await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"name",-32} {"role",-9} {"created (UTC)",-17} status"));
            foreach (var account in accounts)
            {
                var status = account.IsLockedAt(now) ? string.Create(CultureInfo.InvariantCulture, $"locked until {account.LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm}") : "active";
                await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{account.Name,-32} {account.Role,-9} {account.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} {status}"));
            }

            return Done;
        }

        public async Task<int> AddAsync(string name, string? role, StaffPasswords passwords, Func<string?> readPassword)
        {
            if (StaffNames.Check(name) is { } badName)
            {
                await Error.WriteLineAsync($"staff add: {badName}");
                return BadInput;
            }

            if (role is not (StaffRoles.Reviewer or StaffRoles.Editor))
            {
                await Error.WriteLineAsync(role is null
                    ? "staff add: --role is required: reviewer or editor."
                    : $"staff add: unknown role '{role}': reviewer or editor.");
                return BadInput;
            }

            if (await Accounts.FindAsync(name, CancellationToken) is { } existing)
            {
                await Error.WriteLineAsync($"staff add: an account named '{existing.Name}' already exists (names ignore case).");
                return Refused;
            }

            if (await ReadNewPasswordAsync("staff add", readPassword) is not { } password)
            {
                return BadInput;
            }

            var now = Time.GetUtcNow();
            if (!await Accounts.AddAsync(new StaffAccount(name, role, passwords.Hash(password), 0, null, now, now), CancellationToken))
            {
                await Error.WriteLineAsync($"staff add: an account named '{name}' already exists (names ignore case).");
                return Refused;
            }

            await Audit.RecordAsync(new StaffAuditEntry(now, StaffAuditActors.CommandLine, StaffAuditActions.AccountChanged, name, $"added as {role}"), CancellationToken);
            await Output.WriteLineAsync($"Added {role} '{name}'.");
            return Done;
        }

        public async Task<int> RemoveAsync(string name)
        {
            if (!await Accounts.RemoveAsync(name, CancellationToken))
            {
                await Error.WriteLineAsync($"staff remove: no account named '{name}'.");
                return Refused;
            }

            await Audit.RecordAsync(new StaffAuditEntry(Time.GetUtcNow(), StaffAuditActors.CommandLine, StaffAuditActions.AccountChanged, name, "removed"), CancellationToken);
            await Output.WriteLineAsync($"Removed '{name}'; their sessions end at their next request.");
            return Done;
        }

        public async Task<int> ResetPasswordAsync(string name, StaffPasswords passwords, Func<string?> readPassword)
        {
            if (await Accounts.FindAsync(name, CancellationToken) is not { } account)
            {
                await Error.WriteLineAsync($"staff reset-password: no account named '{name}'.");
                return Refused;
            }

            if (await ReadNewPasswordAsync("staff reset-password", readPassword) is not { } password)
            {
                return BadInput;
            }

            var now = Time.GetUtcNow();
            if (!await Accounts.SetPasswordAsync(account.Name, passwords.Hash(password), now, CancellationToken))
            {
                await Error.WriteLineAsync($"staff reset-password: no account named '{name}'.");
                return Refused;
            }

            await Audit.RecordAsync(new StaffAuditEntry(now, StaffAuditActors.CommandLine, StaffAuditActions.AccountChanged, account.Name, "password reset, unlocked"), CancellationToken);
            await Output.WriteLineAsync($"Reset the password of '{account.Name}' and unlocked it; their sessions end at their next request.");
            return Done;
        }

        private async Task<string?> ReadNewPasswordAsync(string command, Func<string?> readPassword)
        {
            var password = readPassword();
            if (StaffPasswords.Check(password) is { } problem)
            {
                await Error.WriteLineAsync($"{command}: {problem} (from {PasswordVariable} or standard input)");
                return null;
            }

            return password;
        }
    }
}

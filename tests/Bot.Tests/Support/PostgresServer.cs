using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// The PostgreSQL server the storage tests use: the one <see cref="Variable"/> names (scripts/test.sh starts a
/// throwaway one and sets it), or else one this test process starts the same way from the Debian package's
/// binaries, in a temporary folder on loopback, and stops when the tests end. With neither, the tests that need
/// PostgreSQL fail: CI must run them, so they never skip.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "MARROWBOT_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>A connection string for the server's maintenance database.</summary>
    public string ConnectionString { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string whose search path is a new, empty schema: a fresh database for one test class.</summary>
    public async Task<string> CreateSchemaAsync(string prefix)
    {
        var schema = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    public async Task DropSchemaAsync(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new PostgresServer(given);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL: set {Variable} to a connection string, or install the Debian package postgresql " +
                "(bash scripts/test.sh installs it and starts a throwaway server).");
        }

        var data = Directory.CreateTempSubdirectory("marrowbot-pg-").FullName;
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            // initdb refuses to run as root; the package's postgres user owns the throwaway cluster.
            await RunAsync("chown", ["postgres:postgres", data], asRoot: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asRoot);
        await RunAsync(
            Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-o", $"-k {data} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400", "start"],
            asRoot);

        // The test host is killed soon after the last test, too soon for an exit handler to stop a server; a
        // detached watchdog waits for this process to end (however it ends), then stops the server and removes it.
        var stop = $"{(asRoot ? "runuser -u postgres -- " : string.Empty)}{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate stop";
        Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "sh", "-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf {data}" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })?.Dispose();

        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {process.ExitCode}: {await error} {await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

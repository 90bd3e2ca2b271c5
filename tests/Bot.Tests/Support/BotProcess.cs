using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// The built bot (<c>src/Bot/bin/&lt;configuration&gt;/net10.0/MarrowBot.Bot.dll</c>) run with <c>dotnet</c> as a
/// separate OS process on a free loopback port, its SQLite file and journal in a folder the test owns (so a second
/// process can start on what the first left). Every line it writes to stdout and stderr is kept, for assertions
/// that no patient text is logged. Signals are real POSIX signals (SIGTERM for a graceful stop, SIGKILL for a
/// crash), so this runs on Linux and macOS only. Disposing kills the process if it still runs; the folder stays.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>How long a start may take: the first start on a machine trains the intent model.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines;

    private BotProcess(Process process, ConcurrentQueue<string> lines, int port, string dataFolder)
    {
        _process = process;
        _lines = lines;
        Port = port;
        DataFolder = dataFolder;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <summary>The bot's assembly, built in the same configuration as these tests.</summary>
    public static string BotAssembly { get; } = Path.Combine(
        RepoPaths.Root, "src", "Bot", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "MarrowBot.Bot.dll");

    public int Id => _process.Id;

    public int Port { get; }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "marrowbot.db");

    public string JournalPath => Path.Combine(DataFolder, "transcripts.journal");

    public HttpClient Client { get; }

    /// <summary>Every line the process wrote to stdout or stderr so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the bot on <paramref name="dataFolder"/> (its SQLite file and journal there) and returns once
    /// <c>/healthz/ready</c> answers 200 (ready, or degraded with the store down): Kestrel listens before the knowledge
    /// warm-up ends, and turns that arrive meanwhile wait for it, which a load test would count against the bot. <paramref name="settings"/> are passed as command-line configuration
    /// (<c>--Key value</c>), after the defaults here: loopback port, storage paths, per-address limits lifted (every
    /// test client is one address), single-line console logs.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string dataFolder, IDictionary<string, string?>? settings = null, string environment = "Production")
    {
        Assert.True(File.Exists(BotAssembly), $"The bot is not built at {BotAssembly}.");
        for (var attempt = 1; ; attempt++)
        {
            var bot = Launch(dataFolder, FreePort(), settings, environment);
            try
            {
                await bot.WaitForReadyAsync();
                return bot;
            }
            catch (PortTakenException) when (attempt < 3)
            {
                await bot.DisposeAsync(); // another process took the port between the probe and the bind
            }
            catch
            {
                await bot.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Sends a POSIX signal to the process.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails the test if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token); // also waits for stdout and stderr to be read to the end
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The bot (pid {_process.Id}) did not exit within {timeout.TotalSeconds:0} s. Last lines:\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The body of <c>/healthz/ready</c> (200 or 503).</summary>
    public async Task<JObject> ReadyAsync()
    {
        using var response = await Client.GetAsync("/healthz/ready");
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Waits until nothing waits to be stored: the buffer and the journal empty by <c>/healthz/ready</c>, and the
    /// journal file empty on disk (so a journal left by an earlier process has been opened and replayed, not merely
    /// not read yet).
    /// </summary>
    public async Task<JObject> WaitUntilStoredAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var ready = await ReadyAsync();
            var transcripts = ready["transcripts"]!;
            if ((string?)ready["status"] == "ready" && (long)transcripts["buffered"]! == 0 && (long)transcripts["journalActivities"]! == 0
                && (long)transcripts["journalBytes"]! == 0 && (!File.Exists(JournalPath) || new FileInfo(JournalPath).Length == 0))
            {
                return ready;
            }

            Assert.True(watch.Elapsed < timeout, $"Transcripts still waiting after {timeout.TotalSeconds:0} s: {ready}");
            await Task.Delay(50);
        }
    }

    /// <summary>The last lines written, for a failure message.</summary>
    public string Tail(int count = 40) => string.Join('\n', _lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // it was never started or has gone already
        }

        _process.Dispose();
    }

    private static BotProcess Launch(string dataFolder, int port, IDictionary<string, string?>? settings, string environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataFolder,
        };
        info.ArgumentList.Add(BotAssembly);
        var arguments = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Storage:SqlitePath"] = Path.Combine(dataFolder, "marrowbot.db"),
            ["Storage:JournalPath"] = Path.Combine(dataFolder, "transcripts.journal"),
            ["RateLimits:MessagesPerMinute"] = "1000000",
            ["RateLimits:DirectLinePerMinute"] = "1000000",
            ["Embeddings:Provider"] = "None", // storage faults, not understanding, are tested here (see BotHost)
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            arguments[key] = value;
        }

        foreach (var (key, value) in arguments)
        {
            info.ArgumentList.Add($"--{key}");
            info.ArgumentList.Add(value ?? string.Empty);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var lines = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(lines, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process, lines, port, dataFolder);
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    private async Task WaitForReadyAsync()
    {
        var watch = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                if (_lines.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new PortTakenException();
                }

                Assert.Fail($"The bot exited with {_process.ExitCode} before it served. Last lines:\n{Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync("/healthz/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The bot was not ready (/healthz/ready) within {StartTimeout.TotalSeconds:0} s. Last lines:\n{Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private sealed class PortTakenException : Exception;
}

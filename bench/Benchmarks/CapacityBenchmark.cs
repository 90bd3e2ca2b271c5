using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Capacity through POST /api/messages (deliveryMode expectReplies) with the client in its own process: this process
/// starts each server as a child process (<see cref="CapacityServer"/>): a minimal echo bot on the same Bot
/// Framework stack (the floor), MarrowBot with SQLite, and MarrowBot with its transcript store down. At 1, 8, 32 and
/// 128 conversations at once (each posts its next turn when the last is answered, no think time), it measures turns
/// per second and p50/p95/p99 latency, levels alternating between the servers; then each server's peak working set
/// and GC heap after all its turns.
/// </summary>
public static class CapacityBenchmark
{
    private static readonly int[] Levels = [1, 8, 32, 128];

    private static readonly string[] Messages =
    [
        "what causes marrow failure?", "why am i so tierd all the time", "hello", "what dose of ciclosporin should i take",
        "is it genetic", "I have a fever of 38.5", "thanks so much", "my number is 07700 900123, can stem cells fix my marrow",
    ];

    /// <summary>Log level for both servers (e.g. "Warning"); null keeps appsettings.json's (Information).</summary>
    public static string? LogLevel { get; set; }

    public static async Task<string> RunAsync(int turnsPerLevel, bool withStoreDown)
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-capacity-").FullName;
        var servers = new List<Server>();
        try
        {
            servers.Add(await Server.StartAsync("echo", folder, storeDown: false));
            servers.Add(await Server.StartAsync("marrowbot", folder, storeDown: false));
            if (withStoreDown)
            {
                servers.Add(await Server.StartAsync("marrowbot", folder, storeDown: true));
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            foreach (var server in servers)
            {
                await LevelAsync(http, server, 32, 2_000, "warm");
            }

            var results = servers.ToDictionary(s => s, _ => new Dictionary<int, Level>());
            foreach (var level in Levels)
            {
                foreach (var server in servers)
                {
                    results[server][level] = await LevelAsync(http, server, level, turnsPerLevel, "c" + level);
                }
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Capacity through /api/messages, client in its own process, each server a child process; {turnsPerLevel} turns per level after 2,000 warm-up, no think time; log level {LogLevel ?? "as appsettings.json (Information)"}:");
            report.AppendLine("  conversations | server                | turns/s | vs echo | p50 ms | p95 ms | p99 ms | server CPU us/turn | echo's CPU / this");
            foreach (var level in Levels)
            {
                var floor = results[servers[0]][level];
                foreach (var server in servers)
                {
                    var r = results[server][level];
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"  {level,13} | {server.Name,-21} | {r.TurnsPerSecond,7:0} | {r.TurnsPerSecond / floor.TurnsPerSecond,7:0.00} | {r.P50,6:0.00} | {r.P95,6:0.00} | {r.P99,6:0.00} | {r.CpuPerTurn,18:0} | {floor.CpuPerTurn / r.CpuPerTurn,6:0.00}");
                }
            }

            foreach (var server in servers)
            {
                var memory = JObject.Parse(await http.GetStringAsync(server.Url + "/bench/memory"));
                server.Process.Refresh();
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"  {server.Name} after {server.Turns:N0} turns: peak working set {server.Process.PeakWorkingSet64 / 1048576.0:0} MiB, peak GC heap {(long)memory["peakGcHeap"]! / 1048576.0:0} MiB (now {(long)memory["gcHeap"]! / 1048576.0:0} MiB); transcript activities buffered {memory["transcriptBuffered"]}, dropped {memory["transcriptDropped"]}");
            }

            return report.ToString().TrimEnd();
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Only the client, against a server already running (to profile it: <c>serve</c> in one shell, <c>dotnet-trace collect -p PID</c>, then this).</summary>
    public static async Task<string> DriveAsync(string url, int turns, int conversations)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
        var r = await LevelAsync(http, new Server("server", url, Process.GetCurrentProcess()), conversations, turns, "drive-" + Guid.NewGuid().ToString("N")[..6]);
        return string.Create(CultureInfo.InvariantCulture, $"{turns} turns, {conversations} conversations at once: {r.TurnsPerSecond:0} turns/s, p50 {r.P50:0.00} ms, p95 {r.P95:0.00} ms, p99 {r.P99:0.00} ms");
    }

    /// <summary>Runs the child process's server side: <c>serve echo|marrowbot URL SQLITE-PATH [store-down]</c>.</summary>
    public static Task ServeAsync(string[] args) => CapacityServer.RunAsync(args[1], args[2], args[3], args.Contains("store-down"));

    private static async Task<Level> LevelAsync(HttpClient http, Server server, int conversations, int turns, string tag)
    {
        var latencies = new double[turns];
        var next = -1;
        server.Process.Refresh();
        var cpu = server.Process.TotalProcessorTime;
        var url = server.Url + "/api/messages";
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async client =>
        {
            int i;
            var sent = 0;
            while ((i = Interlocked.Increment(ref next)) < turns)
            {
                // Each client's conversation changes every 20 turns, so welcomes and new state rows are part of the mix.
                var activity = new JObject
                {
                    ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "emulator", ["serviceUrl"] = "http://127.0.0.1:9",
                    ["from"] = new JObject { ["id"] = "user-" + client, ["role"] = "user" }, ["recipient"] = new JObject { ["id"] = "bot" },
                    ["conversation"] = new JObject { ["id"] = $"{tag}-{client}-{sent++ / 20}" }, ["text"] = Messages[i % Messages.Length], ["deliveryMode"] = "expectReplies",
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(url, new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{server.Name} answered {(int)response.StatusCode}");
                }
            }
        }));
        var elapsed = watch.Elapsed;
        server.Process.Refresh();
        var cpuPerTurn = (server.Process.TotalProcessorTime - cpu).TotalMicroseconds / turns;
        server.Turns += turns;
        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Level(turns / elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99), cpuPerTurn);
    }

    private sealed record Level(double TurnsPerSecond, double P50, double P95, double P99, double CpuPerTurn);

    private sealed class Server : IDisposable
    {
        public Server(string name, string url, Process process) => (Name, Url, Process) = (name, url, process);

        public string Name { get; }

        public string Url { get; }

        public Process Process { get; }

        public int Turns { get; set; }

        public static async Task<Server> StartAsync(string bot, string folder, bool storeDown)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { typeof(CapacityBenchmark).Assembly.Location, "serve", bot, url, Path.Combine(folder, $"{bot}-{(storeDown ? "down" : "up")}.db") })
            {
                start.ArgumentList.Add(argument);
            }

            if (storeDown)
            {
                start.ArgumentList.Add("store-down");
            }

            if (LogLevel is not null)
            {
                start.Environment["Logging__LogLevel__Default"] = LogLevel;
            }

            var process = Process.Start(start)!;
            // The servers log as they would in production (appsettings.json); their output is read and discarded.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(bot == "echo" ? "echo (floor)" : storeDown ? "MarrowBot, store down" : "MarrowBot, SQLite", url, process);
            using var probe = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var health = await probe.GetAsync(url + "/healthz");
                    if (health.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (process.HasExited)
                {
                    break;
                }

                await Task.Delay(200);
            }

            server.Dispose();
            throw new InvalidOperationException($"The {server.Name} server did not become ready.");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

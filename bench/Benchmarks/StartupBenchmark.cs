using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Start to ready: launches the built bot (a fresh process each time, saved model present) and times until
/// /healthz answers 200. This is what an operator sees after a restart.
/// </summary>
public static class StartupBenchmark
{
    public static async Task<string> RunAsync()
    {
        var dll = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0", "MarrowBot.Bot.dll");
        if (!File.Exists(dll))
        {
            return $"startup: skipped, build the bot first (dotnet build -c Release src/Bot); {dll} not found";
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var times = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var port = FreePort();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(10);
            }

            var elapsed = watch.Elapsed.TotalMilliseconds;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (run > 0)
            {
                times.Add(elapsed); // the first run may train and save the model; the rest load it
            }
        }

        return $"start to ready, saved model (process start to /healthz 200): {Percentiles.Describe(times)}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

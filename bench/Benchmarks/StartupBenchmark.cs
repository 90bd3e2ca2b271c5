using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Start to ready: launches the built bot (a fresh process each time) and times until /healthz answers 200, which
/// the host gives only after the content, the intent model and, with embeddings on, the sentence encoder and the
/// content's vectors are loaded. This is what an operator sees after a restart. The model folder is a fresh one, so
/// the first start trains the classifier and encodes the content (reported apart) and the rest read both back.
/// </summary>
public static class StartupBenchmark
{
    private const int CachedRuns = 5;

    public static async Task<string> RunAsync()
    {
        var dll = Path.Combine(Paths.Root, "src", "Bot", "bin", "Release", "net10.0", "MarrowBot.Bot.dll");
        if (!File.Exists(dll))
        {
            return $"startup: skipped, build the bot first (dotnet build -c Release src/Bot); {dll} not found";
        }

        var models = Directory.CreateTempSubdirectory("marrowbot-startup-models-").FullName;
        try
        {
            var cold = await TimeStartAsync(dll, models);
            var vectorFiles = Directory.GetFiles(models, "embeddings-*.bin").Length;
            var cached = new List<double>();
            for (var run = 0; run < CachedRuns; run++)
            {
                cached.Add(await TimeStartAsync(dll, models));
            }

            var wordsOnly = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                wordsOnly.Add(await TimeStartAsync(dll, models, "--Embeddings:Provider", "None"));
            }

            return $"start to ready (process start to /healthz 200), MiniLM: first start {cold:F0} ms (trains, encodes the content, saves {vectorFiles} vector files); " +
                $"saved model and cached vectors {Percentiles.Describe(cached)}; embeddings off (Embeddings:Provider None) {Percentiles.Describe(wordsOnly)}";
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    private static async Task<double> TimeStartAsync(string dll, string models, params string[] settings)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var port = FreePort();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--Knowledge:ModelDirectory", models, .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = false;
        while (!ready && watch.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                ready = response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (!ready)
            {
                await Task.Delay(10);
            }
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        return ready ? elapsed : throw new InvalidOperationException($"the bot did not become ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

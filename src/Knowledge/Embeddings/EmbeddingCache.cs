using System.Security.Cryptography;
using System.Text;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// Vectors computed once and saved beside the trained intent model, keyed by the model id and a hash of the texts:
/// a restart with unchanged content and model reads them back instead of encoding everything again. A missing,
/// short or damaged file is recomputed; a file that cannot be written is only a slower next start.
/// </summary>
public static class EmbeddingCache
{
    private const int Magic = 0x31564245; // "EBV1"

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

            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != count)
            {
                return null;
            }

            var dimensions = reader.ReadInt32();
            if (dimensions is <= 0 or > 8192 || reader.BaseStream.Length != 12 + ((long)count * dimensions * sizeof(float)))
            {
                return null;
            }

            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                vectors[i] = new float[dimensions];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
                if (vectors[i].Any(v => !float.IsFinite(v)))
                {
                    return null;
                }
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, float[][] vectors)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(vectors.Length);
                writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
                foreach (var vector in vectors)
                {
                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the next start is slower.
        }
    }
}

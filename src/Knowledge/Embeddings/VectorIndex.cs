using System.Numerics.Tensors;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// Unit-length vectors in one contiguous array, searched exactly: at a few thousand rows a SIMD dot product over
/// every row (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>) takes microseconds and
/// beats any approximate index.
/// </summary>
public sealed class VectorIndex
{
    private readonly float[] _rows;

    public VectorIndex(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        Dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        _rows = new float[vectors.Count * Dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i].Length != Dimensions)
            {
                throw new ArgumentException($"vector {i} has {vectors[i].Length} dimensions, not {Dimensions}", nameof(vectors));
            }

            vectors[i].CopyTo(_rows, i * Dimensions);
        }
    }

    public int Count => Dimensions == 0 ? 0 : _rows.Length / Dimensions;

    public int Dimensions { get; }

    /// <summary>A copy of every row, in order.</summary>
    public float[][] Rows()
    {
        var rows = new float[Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = _rows.AsSpan(i * Dimensions, Dimensions).ToArray();
        }

        return rows;
    }

    /// <summary>The cosine similarity (a dot product of unit vectors) of <paramref name="query"/> with every row.</summary>
    public float[] Similarities(ReadOnlySpan<float> query)
    {
        var scores = new float[Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, _rows.AsSpan(i * Dimensions, Dimensions));
        }

        return scores;
    }
}

using System.Numerics;

namespace ChatSupport.Bot.Knowledge.Embeddings;

/// <summary>
/// One phrasing's embedding as the index keeps it: L2-normalised, and sparse when most of its dimensions are zero.
/// The local n-gram generator sets about 50 of its 512 dimensions for a 20-character question, so a dense copy per
/// phrasing was 2 KB of mostly zeros (10,000 FAQs: 80 MB of a 140 MB snapshot); sparse it is about a sixth of that.
/// A remote model's vectors are dense and stay dense.
/// <para>
/// <see cref="Cosine"/> returns bit for bit what the dense dot product returns: the sparse form adds the same products
/// into the same vector lanes in the same order and skips only products with a zero factor, which add nothing (a lane
/// never holds -0, so adding ±0 leaves it as it is). So no score, and no decision, depends on the representation.
/// </para>
/// </summary>
public readonly struct StoredEmbedding
{
    // A sparse vector stores a dimension as a ushort and its value as a float: 6 bytes against 4 for every dimension
    // dense, so sparse pays from here on.
    private const int SparseMaxShare = 3; // at most 2 in 3 dimensions set

    private readonly ushort[]? _indices;
    private readonly float[] _values;

    private StoredEmbedding(ushort[]? indices, float[] values, int dimensions)
    {
        _indices = indices;
        _values = values;
        Dimensions = dimensions;
    }

    /// <summary>The vector's length (its generator's dimensions).</summary>
    public int Dimensions { get; }

    /// <summary>Whether it is kept as dimension/value pairs (for tests and memory figures).</summary>
    public bool IsSparse => _indices is not null;

    /// <summary>How many values it keeps.</summary>
    public int StoredValues => _values.Length;

    /// <summary>
    /// The normalised form of a generator's vector: each value divided by the vector's norm, computed exactly as
    /// the matcher normalises its query (float squares summed in a double, in dimension order).
    /// </summary>
    public static StoredEmbedding FromRaw(ReadOnlySpan<float> raw)
    {
        double squares = 0;
        var nonZero = 0;
        foreach (var x in raw)
        {
            squares += x * x;
            if (x != 0) nonZero++;
        }
        var norm = MathF.Sqrt((float)squares);
        if (raw.Length <= ushort.MaxValue + 1 && nonZero * SparseMaxShare < raw.Length * 2)
        {
            var indices = new ushort[nonZero];
            var values = new float[nonZero];
            var k = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == 0) continue;
                indices[k] = (ushort)i;
                values[k++] = norm > 0 ? raw[i] / norm : raw[i];
            }
            return new StoredEmbedding(indices, values, raw.Length);
        }
        var dense = raw.ToArray();
        if (norm > 0) for (var i = 0; i < dense.Length; i++) dense[i] /= norm;
        return new StoredEmbedding(null, dense, raw.Length);
    }

    /// <summary>The value at one dimension (tests).</summary>
    public float this[int dimension]
    {
        get
        {
            if (_indices is null) return _values[dimension];
            var at = Array.BinarySearch(_indices, (ushort)dimension);
            return at >= 0 ? _values[at] : 0;
        }
    }

    /// <summary>
    /// Cosine with a normalised dense query of the same length (0 for another length, negative similarity as 0): the
    /// dot product summed in <see cref="Vector{T}"/> lanes, then across them.
    /// </summary>
    public double Cosine(float[] query)
    {
        if (query.Length != Dimensions) return 0;
        var width = Vector<float>.Count;
        // Dimensions past the last full lane block are added one by one after the lanes, as the dense loop does.
        var blocked = query.Length - query.Length % width;
        float dot;
        if (_indices is null)
        {
            var sa = query.AsSpan();
            var sb = _values.AsSpan();
            var acc = Vector<float>.Zero;
            var i = 0;
            for (; i < blocked; i += width)
                acc += new Vector<float>(sa[i..]) * new Vector<float>(sb[i..]);
            dot = Vector.Sum(acc);
            for (; i < sa.Length; i++) dot += sa[i] * sb[i];
        }
        else
        {
            Span<float> lanes = stackalloc float[width];
            lanes.Clear();
            var k = 0;
            for (; k < _indices.Length && _indices[k] < blocked; k++)
                lanes[_indices[k] % width] += query[_indices[k]] * _values[k];
            dot = Vector.Sum(new Vector<float>(lanes));
            for (; k < _indices.Length; k++) dot += query[_indices[k]] * _values[k];
        }
        return Math.Max(0, dot);
    }
}

using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge.Embeddings;

/// <summary>
/// The default embedding generator: runs in-process with no model. It hashes character 1- to 3-grams of
/// the (already normalised and synonym-folded) text into a fixed-size vector and L2-normalises it, so the
/// cosine of two texts measures their shared sub-words, with longer n-grams weighing more. A configured
/// OpenAI-compatible endpoint (<see cref="OpenAiEmbeddingGenerator"/>) replaces it without code changes.
/// </summary>
public sealed class LocalNGramEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 512;
    private static readonly EmbeddingGeneratorMetadata Metadata = new("chatsupport-local-ngram", null, "char-ngram-hash-512", Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values) result.Add(new Embedding<float>(Embed(value)));
        return Task.FromResult(result);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        EmbedInto(text, vector);
        return vector;
    }

    /// <summary>
    /// <see cref="Embed"/> into a caller's buffer of <see cref="Dimensions"/> floats (overwritten), so that indexing
    /// a folder does not allocate a 2 KB array per phrasing only to keep a sparse copy of it.
    /// </summary>
    public static void EmbedInto(string text, Span<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"the buffer must have {Dimensions} floats", nameof(vector));
        vector.Clear();
        char[]? rented = null;
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        foreach (var c in text)
            if (!char.IsWhiteSpace(c)) buffer[length++] = c;
        ReadOnlySpan<char> chars = buffer[..length];
        for (var n = 1; n <= 3; n++)
        {
            float weight = n switch { 1 => 0.4f, 2 => 1f, _ => 0.7f };
            for (var i = 0; i + n <= chars.Length; i++)
            {
                var hash = Fnv1a(chars.Slice(i, n), (uint)n);
                // The sign bit halves collisions' bias (feature hashing).
                vector[(int)(hash % Dimensions)] += (hash & 0x80000000) != 0 ? weight : -weight;
            }
        }
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        // Float squares summed in a double and the sum rounded to float: what Enumerable.Sum(v => v * v) computed
        // here before, so the vectors (and every score) are bit for bit the same.
        double squares = 0;
        foreach (var v in vector) squares += v * v;
        var norm = MathF.Sqrt((float)squares);
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
    }

    // FNV-1a over UTF-16 code units: stable across processes (string.GetHashCode is randomised per process).
    private static uint Fnv1a(ReadOnlySpan<char> gram, uint seed)
    {
        var hash = 2166136261u ^ seed;
        foreach (var c in gram)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * 16777619u;
            hash = (hash ^ (uint)(c >> 8)) * 16777619u;
        }
        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

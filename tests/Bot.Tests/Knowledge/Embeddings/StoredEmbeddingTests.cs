using System.Numerics;
using ChatSupport.Bot.Knowledge.Embeddings;

namespace ChatSupport.Bot.Tests.Knowledge.Embeddings;

/// <summary>
/// The index keeps phrasing vectors sparse and embeds into a reused buffer; both must give exactly the numbers the
/// dense arrays gave, or a score (and through it a decision) could move.
/// </summary>
public class StoredEmbeddingTests
{
    // Phrasings and messages of the shapes the index sees: short questions, mixed scripts and digits, spaces, a long
    // message past the stack buffer, an empty text.
    private static readonly string[] Texts =
    [
        "快递多久到", "发什么快递", "可以发顺丰吗", "多少钱包邮", "空气炸锅要预热吗", "水壶怎么除水垢", "吸尘器充电要多久",
        "羽绒被怎么保养", "请问 羽绒服 尺码怎么选 型号123", "退货运费谁出", "我想問一下保固多久", "iPhone15 壳子 有没有",
        "订单 2026120112345 还没发货 怎么回事", string.Concat(Enumerable.Repeat("这个推车可以上飞机吗，折叠以后多大？", 12)), "",
    ];

    /// <summary>The generator's code before it embedded into a buffer (LINQ filter and LINQ norm), kept as the reference.</summary>
    private static float[] ReferenceEmbed(string text)
    {
        var vector = new float[LocalNGramEmbeddingGenerator.Dimensions];
        var chars = text.Where(c => !char.IsWhiteSpace(c)).ToArray();
        for (var n = 1; n <= 3; n++)
        {
            float weight = n switch { 1 => 0.4f, 2 => 1f, _ => 0.7f };
            for (var i = 0; i + n <= chars.Length; i++)
            {
                var hash = 2166136261u ^ (uint)n;
                foreach (var c in chars.AsSpan(i, n))
                {
                    hash = (hash ^ (uint)(c & 0xFF)) * 16777619u;
                    hash = (hash ^ (uint)(c >> 8)) * 16777619u;
                }
                vector[hash % LocalNGramEmbeddingGenerator.Dimensions] += (hash & 0x80000000) != 0 ? weight : -weight;
            }
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    /// <summary>The index's normalisation and the matcher's dense cosine as they were before vectors were stored sparse.</summary>
    private static float[] ReferenceNormalised(float[] raw)
    {
        var v = (float[])raw.Clone();
        double squares = 0;
        foreach (var x in v) squares += x * x;
        var norm = MathF.Sqrt((float)squares);
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    private static double ReferenceCosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        var acc = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= a.Length; i += width)
            acc += new Vector<float>(a.AsSpan(i)) * new Vector<float>(b.AsSpan(i));
        var dot = Vector.Sum(acc);
        for (; i < a.Length; i++) dot += a[i] * b[i];
        return Math.Max(0, dot);
    }

    [Fact]
    public void EmbeddingIntoABufferGivesTheSameBitsAsTheReference()
    {
        Span<float> buffer = stackalloc float[LocalNGramEmbeddingGenerator.Dimensions];
        buffer.Fill(123f); // a reused buffer holds the previous text's vector
        foreach (var text in Texts)
        {
            var expected = ReferenceEmbed(text);
            LocalNGramEmbeddingGenerator.EmbedInto(text, buffer);
            for (var i = 0; i < expected.Length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(buffer[i]));
            Assert.Equal(expected, LocalNGramEmbeddingGenerator.Embed(text));
        }
    }

    [Fact]
    public void SparseCosineEqualsTheDenseCosineExactlyAndRanksTheSame()
    {
        var stored = Texts.Select(t => StoredEmbedding.FromRaw(ReferenceEmbed(t))).ToArray();
        var dense = Texts.Select(t => ReferenceNormalised(ReferenceEmbed(t))).ToArray();
        Assert.All(stored, s => Assert.True(s.IsSparse));
        foreach (var query in Texts.Select(t => ReferenceNormalised(ReferenceEmbed(t))))
        {
            var expected = dense.Select(d => ReferenceCosine(query, d)).ToArray();
            var actual = stored.Select(s => s.Cosine(query)).ToArray();
            Assert.Equal(expected, actual);
            Assert.Equal(Enumerable.Range(0, expected.Length).OrderByDescending(i => expected[i]),
                Enumerable.Range(0, actual.Length).OrderByDescending(i => actual[i]));
        }
        // The values themselves are the dense vector's.
        for (var t = 0; t < Texts.Length; t++)
            for (var i = 0; i < dense[t].Length; i++)
                Assert.Equal(dense[t][i], stored[t][i]);
    }

    [Fact]
    public void AShortQuestionKeepsAFractionOfTheDimensions()
    {
        var stored = StoredEmbedding.FromRaw(ReferenceEmbed("请问羽绒服尺码怎么选 型号123"));
        Assert.True(stored.IsSparse);
        Assert.InRange(stored.StoredValues, 1, LocalNGramEmbeddingGenerator.Dimensions / 6);
        Assert.Equal(LocalNGramEmbeddingGenerator.Dimensions, stored.Dimensions);
    }

    [Fact]
    public void ADenseModelVectorStaysDenseAndScoresTheSame()
    {
        var random = new Random(5);
        var raw = Enumerable.Range(0, 1536).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var query = ReferenceNormalised(Enumerable.Range(0, 1536).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        var stored = StoredEmbedding.FromRaw(raw);
        Assert.False(stored.IsSparse);
        Assert.Equal(ReferenceCosine(query, ReferenceNormalised(raw)), stored.Cosine(query));
        Assert.Equal(0, stored.Cosine(new float[4]));
    }
}

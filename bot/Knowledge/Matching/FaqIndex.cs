using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;
using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// The searchable form of a set of FAQs: an inverted index of lexical features (with where in the FAQ they
/// occur), document frequencies, the knowledge's term vocabulary and one embedding per phrasing.
/// Immutable; a reload builds a new one and swaps it in.
/// </summary>
public sealed class FaqIndex
{
    /// <summary>Evidence from the title, alternate questions or tags counts fully; from the answer text, partly.</summary>
    public const double QuestionFieldWeight = 1.0;
    public const double AnswerFieldWeight = 0.55;

    internal readonly record struct Posting(int Faq, float Weight);

    internal FaqEntry[] Faqs { get; }
    internal Dictionary<string, Posting[]> Postings { get; }
    internal HashSet<string>[] FaqTerms { get; }
    internal StoredEmbedding[][] PhrasingVectors { get; }

    /// <summary>
    /// Features that only name a thing several FAQs are about (a product such as 羽绒服): matching them says which
    /// product, not which question. A message whose other content matches nothing in an FAQ is about something else.
    /// </summary>
    internal HashSet<string> EntityFeatures { get; private init; } = [];

    /// <summary>
    /// Per FAQ: the shared products its title names (entity terms, such as 推车 for a stroller-folding FAQ). A message
    /// that names none of them but another product is not its question.
    /// </summary>
    internal string[][] SubjectTerms { get; private init; } = [];

    /// <summary>Per FAQ: what its title and alternates ask and what its answer states amounts for (<see cref="QuestionAspects"/>).</summary>
    internal QuestionAspect[] Aspects { get; private init; } = [];

    /// <summary>Whether the FAQ's text (questions or answer) contains this word: every character pair of it is in its postings.</summary>
    internal bool Mentions(int faq, string word)
    {
        if (word.Length < 2) return false;
        for (var j = 0; j + 1 < word.Length; j++)
            if (!Posts(faq, string.Concat("B", word.AsSpan(j, 2)))) return false;
        return true;
    }

    /// <summary>Whether this FAQ's text (questions, tags or answer) has the feature <paramref name="key"/>.</summary>
    internal bool Posts(int faq, string key)
    {
        if (!Postings.TryGetValue(key, out var list)) return false;
        // Postings are built in FAQ order.
        var lo = 0;
        var hi = list.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (list[mid].Faq == faq) return true;
            if (list[mid].Faq < faq) lo = mid + 1; else hi = mid - 1;
        }
        return false;
    }

    /// <summary>Per FAQ, per phrasing (title, questions): its features with query-side weights, for phrasing recall.</summary>
    internal PhrasingFeatures[][] Phrasings { get; }

    /// <param name="KeyIds">Each key's number in <see cref="PostingKeyIds"/> (-1 for a key no FAQ posts, which cannot
    /// happen today: a phrasing's keys are its FAQ's postings), so that the recall test is an array read per key.</param>
    internal sealed record PhrasingFeatures(string[] Keys, float[] Weights, float Total, int[] KeyIds);

    /// <summary>
    /// Every posting key's number: the matcher marks the message's features by number once, and then tests each
    /// phrasing key of each candidate by array index instead of hashing the key's characters again (that hashing was a
    /// quarter of a message's routing time).
    /// </summary>
    internal Dictionary<string, int> PostingKeyIds { get; private init; } = new(StringComparer.Ordinal);
    public SynonymTable Synonyms { get; }

    /// <summary>Repairs homophone typos in a message against this index's character pairs.</summary>
    public HomophoneCorrector Homophones { get; private init; } = new([]);
    public TermVocabulary Terms { get; }

    /// <summary>Segments messages: jieba's lexicon plus this knowledge's own terms, Cilin groups limited to the ones the FAQs use.</summary>
    public WordSegmenter Segmenter { get; private init; } = new(JiebaLexicon.Shared, []);
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings { get; }

    public int Count => Faqs.Length;

    private FaqIndex(FaqEntry[] faqs, Dictionary<string, Posting[]> postings, HashSet<string>[] faqTerms, StoredEmbedding[][] vectors,
        PhrasingFeatures[][] phrasings, SynonymTable synonyms, TermVocabulary terms, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        Phrasings = phrasings;
        Faqs = faqs;
        Postings = postings;
        FaqTerms = faqTerms;
        PhrasingVectors = vectors;
        Synonyms = synonyms;
        Terms = terms;
        Embeddings = embeddings;
    }

    public static async Task<FaqIndex> BuildAsync(IReadOnlyList<FaqEntry> entries, SynonymTable synonyms,
        IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken = default)
    {
        var faqs = entries.ToArray();
        // Terms are the FAQ tags, folded exactly like messages will be.
        var tagTerms = faqs.SelectMany(f => f.Tags).Select(t => synonyms.Apply(ChineseNormalizer.Normalize(t).Content)).ToList();
        var terms = new TermVocabulary(tagTerms);

        // The store's words join the segmenter's dictionary: tags, synonym terms, and names the general dictionary
        // does not know that the FAQs' questions use (product and brand names).
        var lexicon = JiebaLexicon.Shared;
        var normalizedPhrasings = new string[faqs.Length][];
        var discovered = new HashSet<string>[faqs.Length];
        Parallel.For(0, faqs.Length, i =>
        {
            normalizedPhrasings[i] = faqs[i].Phrasings.Select(p => ChineseNormalizer.Normalize(p).Content).ToArray();
            discovered[i] = normalizedPhrasings[i].SelectMany(p => WordSegmenter.UnknownWords(lexicon, synonyms.Apply(p), TextFeatures.IsStopChar))
                .ToHashSet(StringComparer.Ordinal);
        });
        var indexSegmenter = new WordSegmenter(lexicon,
            tagTerms.Concat(synonyms.ConceptTerms).Concat(synonyms.ConceptCanonicalTerms).Concat(discovered.SelectMany(d => d)));

        var perFaq = new Dictionary<string, double>[faqs.Length];
        var aspects = new QuestionAspect[faqs.Length];
        var faqTerms = new HashSet<string>[faqs.Length];
        var phrasingTexts = new string[faqs.Length][];
        var phrasingFeatures = new Dictionary<string, double>[faqs.Length][];
        // The in-process generator embeds each phrasing here, beside its features, into one buffer per FAQ, and only
        // the sparse copy is kept; a remote generator is called in batches below.
        var local = embeddings is LocalNGramEmbeddingGenerator;
        var vectors = new StoredEmbedding[faqs.Length][];
        Parallel.For(0, faqs.Length, i =>
        {
            var faq = faqs[i];
            var features = new Dictionary<string, double>(StringComparer.Ordinal);
            // Each phrasing is normalised once: its features feed the FAQ's postings and its own recall, its folded text the embedding.
            var phrasings = normalizedPhrasings[i];
            phrasingTexts[i] = new string[phrasings.Length];
            phrasingFeatures[i] = new Dictionary<string, double>[phrasings.Length];
            for (var j = 0; j < phrasings.Length; j++)
            {
                var own = TextFeatures.Extract(phrasings[j], synonyms, terms, out var folded, segmenter: indexSegmenter);
                phrasingTexts[i][j] = folded;
                phrasingFeatures[i][j] = own;
                foreach (var key in own.Keys) features[key] = QuestionFieldWeight;
            }
            if (local) vectors[i] = EmbedLocally(phrasingTexts[i]);
            if (faq.Tags.Count > 0)
            {
                foreach (var key in TextFeatures.Extract(ChineseNormalizer.Normalize(string.Join(" ", faq.Tags)).Content, synonyms, terms, out _, segmenter: indexSegmenter).Keys)
                    features[key] = QuestionFieldWeight;
            }
            var answer = NormalizeLong(faq.PlainAnswer);
            foreach (var (key, _) in TextFeatures.Extract(answer, synonyms, terms, out _, segmenter: indexSegmenter))
                features.TryAdd(key, AnswerFieldWeight);
            aspects[i] = QuestionAspects.OfFaq(phrasings, answer);
            perFaq[i] = features;
            faqTerms[i] = features.Keys.Where(k => k[0] == 'T').Select(k => k[1..]).ToHashSet(StringComparer.Ordinal);
        });

        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < faqs.Length; i++)
        {
            foreach (var (key, weight) in perFaq[i])
            {
                if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
                list.Add(new Posting(i, (float)weight));
            }
        }
        var postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        var phrasings = new PhrasingFeatures[faqs.Length][];
        // Phrasings keep the postings' own key instances: one copy of each feature string however many phrasings use it.
        var canonicalKeys = new HashSet<string>(postings.Keys, StringComparer.Ordinal);
        var keyIds = new Dictionary<string, int>(postings.Count, StringComparer.Ordinal);
        foreach (var key in postings.Keys) keyIds[key] = keyIds.Count;
        Parallel.For(0, faqs.Length, i =>
        {
            phrasings[i] = phrasingFeatures[i].Select(features =>
            {
                var keys = new string[features.Count];
                var weights = new float[features.Count];
                var k = 0;
                foreach (var (key, factor) in features)
                {
                    keys[k] = canonicalKeys.TryGetValue(key, out var shared) ? shared : key;
                    weights[k++] = (float)QueryWeight(key, factor, postings.TryGetValue(key, out var list) ? list.Length : 0, faqs.Length);
                }
                return new PhrasingFeatures(keys, weights, weights.Sum(), keys.Select(key => keyIds.GetValueOrDefault(key, -1)).ToArray());
            }).ToArray();
        });

        if (!local) await EmbedInBatchesAsync(embeddings, phrasingTexts, vectors, cancellationToken);
        var entity = new HashSet<string>(StringComparer.Ordinal);
        var subjects = Enumerable.Range(0, faqs.Length).Select(_ => new List<string>()).ToArray();
        foreach (var (key, list) in postings)
        {
            // Named in the questions (title, alternates, tags) of several FAQs: a product they share. A term that other
            // FAQs merely mention in passing in their answers (保暖 in a washing FAQ) is still one FAQ's topic.
            if (key[0] != 'T' || list.Count(p => p.Weight >= QuestionFieldWeight) < 2) continue;
            var term = key[1..];
            // A term that asks (a tag such as 几天到, folded to 多久到) says which kind of question, not which product.
            if (FaqMatcher.ContainsInterrogative(term)) continue;
            // A product FAQ names its product in its title (推车怎么折叠); a policy FAQ's products are examples in its
            // alternates (推车包邮吗), and its question applies to whatever the shopper bought.
            foreach (var p in list)
                if (phrasingFeatures[p.Faq].Length > 0 && phrasingFeatures[p.Faq][0].ContainsKey(key)) subjects[p.Faq].Add(term);
            entity.Add(key);
            entity.Add("C" + term);
            entity.Add("W" + term);
            for (var j = 0; j < term.Length; j++)
            {
                entity.Add("U" + term[j]);
                if (j + 1 < term.Length) entity.Add("B" + term.Substring(j, 2));
            }
        }
        // The knowledge's own pairs, and the pairs of synonym terms (几天 is folded to 多久 before indexing, yet 几填
        // is a typo of 几天).
        var synonymPairs = synonyms.ConceptTerms.Where(t => t.Length >= 2).SelectMany(t => Enumerable.Range(0, t.Length - 1).Select(i => t.Substring(i, 2)));
        var homophones = new HomophoneCorrector(postings.Where(p => p.Key[0] == 'B')
            .Select(p => (p.Key[1..], p.Value.Length, p.Value.Any(x => x.Weight >= QuestionFieldWeight)))
            .Concat(synonymPairs.Select(pair => (pair, 1, true))), lexicon);
        return new FaqIndex(faqs, postings, faqTerms, vectors, phrasings, synonyms, terms, embeddings)
        {
            EntityFeatures = entity,
            PostingKeyIds = keyIds,
            SubjectTerms = subjects.Select(l => l.ToArray()).ToArray(),
            Aspects = aspects,
            Homophones = homophones,
            // A message word's Cilin group can only match when some FAQ has a word of that group.
            Segmenter = indexSegmenter.WithSynonymGroups(postings.Keys.Where(k => k[0] == 'S').Select(k => k[1..])),
        };
    }

    private static StoredEmbedding[] EmbedLocally(string[] texts)
    {
        Span<float> buffer = stackalloc float[LocalNGramEmbeddingGenerator.Dimensions];
        var result = new StoredEmbedding[texts.Length];
        for (var j = 0; j < texts.Length; j++)
        {
            LocalNGramEmbeddingGenerator.EmbedInto(texts[j], buffer);
            result[j] = StoredEmbedding.FromRaw(buffer);
        }
        return result;
    }

    private static async Task EmbedInBatchesAsync(IEmbeddingGenerator<string, Embedding<float>> embeddings, string[][] phrasingTexts,
        StoredEmbedding[][] vectors, CancellationToken cancellationToken)
    {
        var flat = phrasingTexts.SelectMany(p => p).ToList();
        // Batches run side by side: a remote endpoint answers several requests at once far sooner than one after another.
        var generated = new StoredEmbedding[flat.Count];
        const int batch = 256;
        using var gate = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        var batches = new List<Task>();
        for (var first = 0; first < flat.Count; first += batch)
        {
            var start = first;
            await gate.WaitAsync(cancellationToken);
            batches.Add(Task.Run(async () =>
            {
                try
                {
                    var count = Math.Min(batch, flat.Count - start);
                    var result = await embeddings.GenerateAsync(flat.GetRange(start, count), cancellationToken: cancellationToken);
                    if (result.Count != count)
                        throw new InvalidOperationException($"the embedding generator returned {result.Count} vectors for {count} texts");
                    for (var j = 0; j < count; j++) generated[start + j] = StoredEmbedding.FromRaw(result[j].Vector.Span);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken));
        }
        await Task.WhenAll(batches);
        var k = 0;
        for (var i = 0; i < phrasingTexts.Length; i++)
        {
            vectors[i] = new StoredEmbedding[phrasingTexts[i].Length];
            for (var j = 0; j < phrasingTexts[i].Length; j++) vectors[i][j] = generated[k++];
        }
    }

    /// <summary>Weight of one feature of a message: kind weight × n-gram factor × inverse document frequency.</summary>
    public static double QueryWeight(string key, double factor, int documentFrequency, int faqCount) =>
        TextFeatures.KindWeight(TextFeatures.KindOf(key)) * factor * Math.Log(1 + (faqCount + 1.0) / (documentFrequency + 1.0));

    /// <summary>Answers can be long; normalise them in chunks so nothing past the message limit is cut.</summary>
    private static string NormalizeLong(string text)
    {
        if (text.Length <= ChineseNormalizer.MaxMatchLength) return ChineseNormalizer.Normalize(text).Content;
        var parts = new List<string>();
        for (var i = 0; i < text.Length && i < 20_000; i += ChineseNormalizer.MaxMatchLength)
            parts.Add(ChineseNormalizer.Normalize(text.Substring(i, Math.Min(ChineseNormalizer.MaxMatchLength, text.Length - i))).Content);
        return string.Join(" ", parts);
    }

    internal static float[] Normalised(float[] v)
    {
        // A loop rather than LINQ's Sum (one delegate call per dimension, on every message's query vector); the same
        // double accumulator, so the same norm.
        double squares = 0;
        foreach (var x in v) squares += x * x;
        var norm = MathF.Sqrt((float)squares);
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }
}

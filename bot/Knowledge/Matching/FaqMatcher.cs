using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>Weights of the matcher's score; part of <see cref="KnowledgeOptions"/>.</summary>
public sealed class MatcherWeights
{
    /// <summary>Share of the lexical coverage (how much of the message the FAQ explains) in the score.</summary>
    public double CoverageWeight { get; set; } = 0.65;

    /// <summary>Share of the phrasing recall (how much of the FAQ's closest phrasing the message contains); the rest is embedding similarity.</summary>
    public double PhrasingRecallWeight { get; set; } = 0.25;

    /// <summary>Score factor for each knowledge term in the message that the FAQ never mentions.</summary>
    public double MissingTermFactor { get; set; } = 0.6;

    /// <summary>
    /// When the message has content beyond shared product names and an FAQ explains less than this share of it,
    /// the FAQ is only about the same product, not the same question: its score is multiplied by <see cref="OffTopicFactor"/>.
    /// </summary>
    public double MinTopicCoverage { get; set; } = 0.12;

    public double OffTopicFactor { get; set; } = 0.6;

    /// <summary>
    /// Score factor when the message names a product of the shop vocabulary that the FAQ never mentions while it names
    /// none of the FAQ's own products (餐椅能折叠吗 against a stroller-folding FAQ): a product the store may not sell.
    /// </summary>
    public double OtherProductFactor { get; set; } = 0.55;

    /// <summary>
    /// Score factor when the message asks an aspect (when or how long, how much, how, where, how many) that the FAQ's
    /// title and alternates never ask and its answer states no amount for: 新疆运费补多少 against a delivery-time FAQ.
    /// </summary>
    public double AspectMismatchFactor { get; set; } = 0.8;

    /// <summary>How many lexical candidates are re-scored with embeddings.</summary>
    public int RerankDepth { get; set; } = 20;
}

/// <summary>Scores FAQs against a normalised message: lexical coverage + embedding similarity, best first.</summary>
public static class FaqMatcher
{
    // Per-thread accumulators, left all-zero after every call (only touched entries are written and reset).
    [ThreadStatic] private static double[]? _scores;
    [ThreadStatic] private static double[]? _topicScores;
    [ThreadStatic] private static double[]? _contentScores;
    // Per-thread marks of the message's features by posting-key number (FaqIndex.PostingKeyIds): a key is the message's
    // when its mark equals this call's stamp, so nothing needs clearing between calls.
    [ThreadStatic] private static int[]? _featureStamps;
    [ThreadStatic] private static int _stamp;

    public static IReadOnlyList<MatchCandidate> Match(FaqIndex index, string content, int top, MatcherWeights weights,
        bool withEvidence = false)
    {
        if (index.Count == 0 || content.Length == 0) return [];
        var corrections = withEvidence ? new List<string>() : null;
        var vocabulary = new List<string>();
        var features = TextFeatures.Extract(content, index.Synonyms, index.Terms, out var folded, index.Homophones, corrections, index.Segmenter,
            vocabulary);
        if (features.Count == 0) return [];

        var n = index.Count;
        // Dense accumulators (pooled): with thousands of FAQs a common character touches thousands of postings,
        // and array updates are far cheaper than dictionary updates.
        if (_scores is null || _scores.Length < n)
        {
            _scores = new double[n];
            _topicScores = new double[n];
            _contentScores = new double[n];
        }
        var scores = _scores;
        var topicScores = _topicScores!;
        var contentScores = _contentScores!;
        var touched = new List<int>();
        double total = 0, topicTotal = 0, contentTotal = 0;
        var queryWeights = new Dictionary<string, double>(features.Count, StringComparer.Ordinal);
        var keyIds = index.PostingKeyIds;
        if (_featureStamps is null || _featureStamps.Length < keyIds.Count || _stamp == int.MaxValue)
        {
            _featureStamps = new int[Math.Max(keyIds.Count, _featureStamps?.Length ?? 0)];
            _stamp = 0;
        }
        var featureStamps = _featureStamps;
        var stamp = ++_stamp;
        foreach (var key in features.Keys)
            if (keyIds.TryGetValue(key, out var id)) featureStamps[id] = stamp;
        List<(int Faq, double Raw, double Topic, double Content)> lexical;
        try
        {
            foreach (var (key, factor) in features)
            {
                index.Postings.TryGetValue(key, out var postings);
                var w = FaqIndex.QueryWeight(key, factor, postings?.Length ?? 0, n);
                // An interrogative says which kind of question (how much, how long, where), not what it is about: shared
                // with an FAQ it is half the evidence of a subject word (洗衣机多少钱 is no question about 顺丰加多少钱).
                if (QuestionPairs.Contains(key)) w *= InterrogativeFactor;
                if (w <= 0) continue;
                queryWeights[key] = w;
                total += w;
                var topic = !index.EntityFeatures.Contains(key);
                if (topic) topicTotal += w;
                var contentPair = topic && IsContentPair(key, factor);
                if (contentPair) contentTotal += w;
                if (postings is null) continue;
                foreach (var p in postings)
                {
                    if (scores[p.Faq] == 0 && topicScores[p.Faq] == 0) touched.Add(p.Faq);
                    scores[p.Faq] += w * p.Weight;
                    if (topic) topicScores[p.Faq] += w * p.Weight;
                    if (contentPair) contentScores[p.Faq] += w * p.Weight;
                }
            }
            if (total <= 0 || touched.Count == 0) return [];

            // Top-k by raw lexical score without sorting everything.
            var depth = Math.Max(top, weights.RerankDepth);
            lexical = new List<(int, double, double, double)>(depth + 1);
            foreach (var faq in touched)
            {
                var raw = scores[faq];
                if (lexical.Count == depth && raw <= lexical[^1].Raw) continue;
                var at = lexical.FindIndex(x => x.Raw < raw);
                lexical.Insert(at < 0 ? lexical.Count : at, (faq, raw, topicScores[faq], contentScores[faq]));
                if (lexical.Count > depth) lexical.RemoveAt(lexical.Count - 1);
            }
        }
        finally
        {
            foreach (var faq in touched)
            {
                scores[faq] = 0;
                topicScores[faq] = 0;
                contentScores[faq] = 0;
            }
        }

        var queryVector = FaqIndex.Normalised(index.Embeddings
            .GenerateAsync([folded]).GetAwaiter().GetResult()[0].Vector.ToArray());
        var queryTerms = features.Keys.Where(k => k[0] == 'T').Select(k => k[1..]).ToList();
        var messageAspects = QuestionAspects.OfMessage(content);
        var messageWords = features.Keys.Where(k => k[0] == 'W' && k.Length >= 4).Select(k => k[1..]).ToList();
        var sharedTerms = queryTerms.Where(t => index.EntityFeatures.Contains("T" + t)).ToList();

        var candidates = new List<MatchCandidate>(lexical.Count);
        foreach (var (faq, raw, topicRaw, contentRaw) in lexical)
        {
            var coverage = raw / total;
            var similarity = 0.0;
            foreach (var v in index.PhrasingVectors[faq]) similarity = Math.Max(similarity, v.Cosine(queryVector));
            var recall = 0.0;
            foreach (var phrasing in index.Phrasings[faq])
            {
                if (phrasing.Total <= 0) continue;
                double hit = 0;
                var ids = phrasing.KeyIds;
                for (var j = 0; j < phrasing.Keys.Length; j++)
                    if (ids[j] >= 0 ? featureStamps[ids[j]] == stamp : features.ContainsKey(phrasing.Keys[j])) hit += phrasing.Weights[j];
                recall = Math.Max(recall, hit / phrasing.Total);
            }
            var missing = queryTerms.Where(t => !index.FaqTerms[faq].Contains(t)).ToList();
            var penalty = Math.Pow(weights.MissingTermFactor, missing.Count);
            var topicCoverage = topicTotal > 0 ? topicRaw / topicTotal : 1;
            // Terms several FAQs share are not only products: 奶瓶 and 消毒 are both shared, and 奶瓶要天天消毒吗 names
            // nothing else the folder knows. An FAQ that has every shared term of the message, two or more of them,
            // matches the question, not only the product, however little of the rest (要, 天天) it explains.
            if (topicCoverage < weights.MinTopicCoverage && !(sharedTerms.Count >= 2 && sharedTerms.All(index.FaqTerms[faq].Contains)))
                penalty *= weights.OffTopicFactor;
            var otherProduct = OtherProduct(index, faq, folded, vocabulary, messageWords);
            if (otherProduct is not null) penalty *= weights.OtherProductFactor;
            var faqAspects = faq < index.Aspects.Length ? index.Aspects[faq] : messageAspects;
            var aspectMismatch = messageAspects != QuestionAspect.None && (faqAspects & messageAspects) == 0;
            if (aspectMismatch) penalty *= weights.AspectMismatchFactor;
            var blended = weights.CoverageWeight * coverage + weights.PhrasingRecallWeight * recall
                          + (1 - weights.CoverageWeight - weights.PhrasingRecallWeight) * similarity;
            var score = Math.Clamp(blended * penalty, 0, 1);
            candidates.Add(new MatchCandidate(index.Faqs[faq], score, coverage, similarity, penalty)
            {
                FaqIndexPosition = faq,
                PhrasingRecall = recall,
                TopicCoverage = topicCoverage,
                ContentShare = contentRaw / total,
                MessageContentShare = contentTotal / total,
                Evidence = withEvidence
                    ? [.. corrections!.Select(c => $"homophone typo read as {c}"), .. Explain(index, faq, queryWeights, total, missing),
                        .. otherProduct is null ? Array.Empty<string>() : [$"names '{otherProduct}', which this FAQ never mentions, and none of its products"],
                        .. aspectMismatch ? [$"asks {messageAspects}, this FAQ asks or answers {faqAspects}"] : Array.Empty<string>()]
                    : [],
            });
        }
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (candidates.Count > top) candidates = candidates.GetRange(0, top);
        // What a returned FAQ leaves unexplained, worked out when read (a decision reads it for its best candidate only);
        // the message's salient words once per call, for whichever candidate is read first.
        List<(string Word, double Weight)>? salient = null;
        for (var k = 0; k < candidates.Count; k++)
        {
            var position = candidates[k].FaqIndexPosition;
            candidates[k] = candidates[k] with
            {
                MeasureUnexplained = () => UnexplainedContent.Of(index, position, salient ??= UnexplainedContent.SalientWords(features, index, folded)),
            };
        }
        return candidates;
    }

    // Pairs that ask rather than name (哪里, 多久, 几天…): a closed class of Chinese interrogatives. Shared with an FAQ
    // they say which kind of question, not what it is about (你们实体店在哪 shares 哪里 with 在哪里查物流).
    private static readonly System.Collections.Frozen.FrozenSet<string> QuestionPairs = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "B多少", "B少钱", "B哪里", "B哪儿", "B哪个", "B哪些", "B哪家", "B哪天", "B哪种", "B多久", "B多长", "B多大", "B多重", "B多高", "B多远",
        "B什么", "B怎么", "B怎样", "B如何", "B为何", "B几天", "B几个", "B几号", "B几点", "B几时", "B是否", "B能否", "B可否", "B有无",
    ], StringComparer.Ordinal);

    /// <summary>
    /// A character pair of the message that names what it is about: a full-weight bigram (no function character, not
    /// an everyday word such as 明天) that is not an interrogative. Product names shared by several FAQs are excluded
    /// by the caller (entity features).
    /// </summary>
    private const double InterrogativeFactor = 0.5;

    /// <summary>Whether a term has an interrogative pair (多久到, 几天到): it asks, it names nothing.</summary>
    internal static bool ContainsInterrogative(string term)
    {
        for (var j = 0; j + 1 < term.Length; j++)
            if (QuestionPairs.Contains(string.Concat("B", term.AsSpan(j, 2)))) return true;
        return false;
    }

    internal static bool IsContentPair(string key, double factor) =>
        key[0] == 'B' && factor >= 1.0 && !QuestionPairs.Contains(key);

    /// <summary>
    /// A shop-vocabulary word of the message (a product such as 餐椅, 吸鼻器) that this FAQ never mentions, when the FAQ
    /// is about products of its own (its questions name shared products) and the message names none of them.
    /// </summary>
    private static string? OtherProduct(FaqIndex index, int faq, string folded, List<string> vocabulary, List<string> messageWords)
    {
        if (vocabulary.Count == 0 && messageWords.Count == 0) return null;
        var subjects = index.SubjectTerms[faq];
        if (subjects.Length == 0) return null;
        foreach (var subject in subjects)
            if (folded.Contains(subject, StringComparison.Ordinal)) return null;
        foreach (var word in vocabulary)
            if (word.Length >= 2 && !index.Mentions(faq, word)) return word;
        // Another thing that shares a part of the FAQ's product name: a compound word of the message (three characters
        // or more) that the FAQ never mentions, sharing a character with one of its products while its head (the last
        // character of a Chinese compound) is not in it: 电热毯 against 电热水壶 is a blanket, not a kettle. (A word
        // with the same head, 平底锅 against 不粘锅, may be the same thing named by another of its properties.)
        foreach (var word in messageWords)
        {
            if (index.Mentions(faq, word) || ContainsInterrogative(word) || index.Segmenter.Lexicon.IsPlaceName(word)) continue;
            foreach (var subject in subjects)
            {
                if (subject.Contains(word[^1]) || subject.Contains(word, StringComparison.Ordinal) || word.Contains(subject, StringComparison.Ordinal)) continue;
                foreach (var c in word)
                    if (!TextFeatures.IsStopChar(c) && subject.Contains(c)) return word;
            }
        }
        return null;
    }

    private static List<string> Explain(FaqIndex index, int faq, Dictionary<string, double> queryWeights, double total, List<string> missing)
    {
        var evidence = new List<(string Text, double Share)>();
        foreach (var (key, w) in queryWeights)
        {
            if (!index.Postings.TryGetValue(key, out var postings)) continue;
            foreach (var p in postings)
            {
                if (p.Faq != faq) continue;
                var field = p.Weight >= FaqIndex.QuestionFieldWeight ? "question" : "answer";
                evidence.Add(($"{Describe(key)} in {field}", w * p.Weight / total));
            }
        }
        var lines = evidence.OrderByDescending(e => e.Share).Take(12).Select(e => $"{e.Text} (+{e.Share:F3})").ToList();
        lines.AddRange(missing.Select(t => $"term '{t}' not in this FAQ"));
        return lines;
    }

    private static string Describe(string key) => TextFeatures.KindOf(key) switch
    {
        FeatureKind.Bigram => $"bigram '{key[1..]}'",
        FeatureKind.Unigram => $"character '{key[1..]}'",
        FeatureKind.Concept => $"synonym group '{key[1..]}'",
        FeatureKind.Term => $"term '{key[1..]}'",
        FeatureKind.Latin => $"word '{key[1..]}'",
        FeatureKind.Word => $"segmented word '{key[1..]}'",
        FeatureKind.WordSynonym => $"Cilin group {key[1..]}",
        FeatureKind.Place => "a place name",
        _ => $"number '{key[1..]}'",
    };
}

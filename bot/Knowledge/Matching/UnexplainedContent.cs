using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// How much of what a message is about an FAQ leaves unexplained. The message's salient words are its segmented words
/// (jieba with the folder's own terms, synonyms folded) weighted by their general-language informativeness (IDF),
/// without function words, interrogatives and everyday words.
/// A word is explained when the FAQ's text (title, alternates, tags, answer) has it, a Cilin synonym of it, or all of its
/// character pairs; partly when it has some of its pairs. A right FAQ that scored low because of a story or a compliment
/// around the question leaves little unexplained; a topical neighbour asked about a part, a condition or another
/// product the FAQ never mentions leaves that word.
/// </summary>
public static class UnexplainedContent
{
    /// <summary>
    /// The salient words of a message: its segmented words (features "W" + word) with their weight, and the runs of
    /// two or more single characters the segmenter could not join (盖钮掉漆: words neither jieba nor the folder knows,
    /// which name a part or a fault as much as a known word does), weighted like an unknown word.
    /// </summary>
    public static List<(string Word, double Weight)> SalientWords(IReadOnlyDictionary<string, double> features, FaqIndex index, string folded)
    {
        var words = new List<(string, double)>();
        var run = new System.Text.StringBuilder();
        void EndRun()
        {
            if (run.Length >= 2 && !FaqMatcher.ContainsInterrogative(run.ToString()))
                words.Add((run.ToString(), index.Segmenter.Informativeness(run.ToString())));
            run.Clear();
        }
        var cursor = 0;
        foreach (var segment in index.Segmenter.Cut(folded))
        {
            // Characters on either side of a space or punctuation are not one word.
            var at = folded.IndexOf(segment, cursor, StringComparison.Ordinal);
            if (at != cursor) EndRun();
            if (at >= 0) cursor = at + segment.Length;
            if (segment.Length == 1 && ChineseNormalizer.IsCjk(segment[0]) && !TextFeatures.IsStopChar(segment[0])) run.Append(segment[0]);
            else EndRun();
        }
        EndRun();
        foreach (var (key, factor) in features)
        {
            if (key[0] != 'W' || key.Length < 3) continue;
            var word = key[1..];
            if (FaqMatcher.ContainsInterrogative(word) || TextFeatures.IsGenericWord(word)) continue;
            if (word.All(TextFeatures.IsStopChar)) continue;
            words.Add((word, factor));
        }
        return words;
    }

    /// <summary>
    /// The unexplained share of the salient words' weight for one FAQ, and the words. A message without salient words
    /// (今天几号, 可以打个折吗: only everyday words and interrogatives) is 1: nothing in it says the FAQ is its subject.
    /// </summary>
    public static (double Share, List<string> Words) Of(FaqIndex index, int faq, IReadOnlyList<(string Word, double Weight)> salient)
    {
        if (salient.Count == 0) return (1, []);
        double total = 0, unexplained = 0;
        var words = new List<string>();
        foreach (var (word, weight) in salient)
        {
            total += weight;
            var missing = 1 - Explained(index, faq, word);
            if (missing <= 0) continue;
            unexplained += weight * missing;
            if (missing >= 0.5) words.Add(word);
        }
        return (total > 0 ? unexplained / total : 0, words);
    }

    /// <summary>1 when the FAQ has the word or a synonym of it, else the share of its character pairs the FAQ has.</summary>
    private static double Explained(FaqIndex index, int faq, string word)
    {
        if (index.Posts(faq, "W" + word)) return 1;
        // A destination (澳门, 拉萨) is explained by an FAQ that names places (delivery by region, where the store ships).
        if (index.Segmenter.Lexicon.IsPlaceName(word) && index.Posts(faq, TextFeatures.PlaceKey)) return 1;
        foreach (var group in index.Segmenter.SynonymGroupsOf(word))
            if (index.Posts(faq, "S" + group)) return 1;
        var pairs = 0;
        var found = 0;
        for (var j = 0; j + 1 < word.Length; j++)
        {
            pairs++;
            if (index.Posts(faq, string.Concat("B", word.AsSpan(j, 2)))) found++;
        }
        return pairs == 0 ? 0 : (double)found / pairs;
    }
}

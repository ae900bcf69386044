using System.Text;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Folds two Mandarin verb forms to the plain verb phrase before matching, so that a message and an FAQ that ask the
/// same thing in different verb forms share their character pairs:
/// <list type="bullet">
/// <item>the A-not-A question (寄不寄 → 寄, 方不方便 → 方便, 到没到 → 到): a yes/no question about the verb;</item>
/// <item>the potential complement (收得到 / 收不到 → 收到, 收不起来 → 收起来, 装得上 → 装上): whether the result can be
/// reached, not a different action.</item>
/// </list>
/// Applied to the FAQs' text and to messages alike (matching features only: the intent stage reads the text as typed,
/// where 收不到 is a fault). Words whose 不 or 得 belong to the word itself (对不起, 差不多, 觉得好) are left as they
/// are: a three-character span, or a verb with 得, that general Chinese uses often as a word is not a verb form.
/// </summary>
public static class VerbForms
{
    // Result and direction complements that take the potential infix (V得C / V不C). 了 and 好 are left out: V不了 and
    // V不好 are as often "cannot at all" or "is not good" as a result.
    private static readonly string[] Complements =
        ["起来", "出来", "进去", "下去", "上去", "干净", "到", "完", "动", "住", "开", "下", "上", "出", "进", "掉", "懂", "见", "清", "起", "着"];

    /// <summary>A three-character span this frequent in jieba's corpus is a word (对不起 1052, 看不起, 来不及), not a verb form.</summary>
    private const double LexicalisedFrequency = 50;

    /// <summary>A verb + 得 this frequent is a word of its own (觉得, 记得, 值得, 获得): its 得 is no potential infix.</summary>
    private const double VerbDeWordFrequency = 1000;

    public static string Fold(string text, JiebaLexicon? lexicon)
    {
        if (text.Length < 3 || (text.IndexOf('不') < 0 && text.IndexOf('没') < 0 && text.IndexOf('得') < 0)) return text;
        StringBuilder? sb = null; // only once something is folded: most texts have no such form
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (i + 2 < text.Length && IsVerbChar(c) && text[i + 1] is '不' or '没' or '得')
            {
                var infix = text[i + 1];
                // A-not-A: X不X… / X没X… keeps X… (可不可以 → 可以).
                if (infix != '得' && text[i + 2] == c)
                {
                    (sb ??= new StringBuilder(text.Length).Append(text, 0, i)).Append(c);
                    i += 3;
                    continue;
                }
                // The potential infix follows a verb (收不到); after an adverb (才不起泡) 不 negates what follows.
                if (infix != '没' && lexicon is not null && lexicon.IsVerb(c) && ComplementAt(text, i + 2) is { } complement
                    && !IsWord(lexicon, text.AsSpan(i, 2 + complement.Length))
                    && !(infix == '得' && lexicon.Frequency(text.AsSpan(i, 2)) >= VerbDeWordFrequency))
                {
                    (sb ??= new StringBuilder(text.Length).Append(text, 0, i)).Append(c).Append(complement);
                    i += 2 + complement.Length;
                    continue;
                }
            }
            sb?.Append(c);
            i++;
        }
        return sb?.ToString() ?? text;
    }

    private static bool IsVerbChar(char c) => ChineseNormalizer.IsCjk(c) && !TextFeatures.IsStopChar(c);

    private static string? ComplementAt(string text, int at)
    {
        foreach (var complement in Complements)
            if (string.CompareOrdinal(text, at, complement, 0, complement.Length) == 0) return complement;
        return null;
    }

    private static bool IsWord(JiebaLexicon lexicon, ReadOnlySpan<char> span) => lexicon.Frequency(span) >= LexicalisedFrequency;
}

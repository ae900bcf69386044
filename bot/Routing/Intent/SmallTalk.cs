using System.Text;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>What a one-word reply or an acknowledgement does in a chat, which the bot answers in kind.</summary>
public enum SmallTalkKind
{
    None,
    /// <summary>谢谢, 辛苦了, 多謝晒.</summary>
    Thanks,
    /// <summary>好的, 嗯, ok, 收到, 知道了: the shopper took in what was said.</summary>
    Acknowledgement,
    /// <summary>在吗, 有人吗, 你好: the shopper checks someone is there before asking.</summary>
    PresenceCheck,
    /// <summary>？, ??, 啊？: the shopper did not follow the last reply.</summary>
    Puzzled,
}

/// <summary>
/// Recognises a message that is only small talk (the whole message, after normalisation, so both scripts and
/// Cantonese read the same): thanks, an acknowledgement, a presence check, a lone question mark. Such a message asks
/// nothing an FAQ answers; matched as words, 好 found 会员有什么好处. The router falls back on it (a first message);
/// in a conversation the dialogue answers it in kind (Dialogue/ShopperSmallTalk).
/// </summary>
public static class SmallTalk
{
    private static readonly string[] ThanksWords =
        ["谢谢", "谢谢你", "谢谢亲", "谢啦", "谢了", "多谢", "多谢晒", "感谢", "感恩", "辛苦了", "辛苦", "辛苦啦", "唔该", "唔该晒", "thanks", "thankyou", "thx", "3q", "栓q"];

    private static readonly string[] AcknowledgementWords =
        ["好的", "好", "好滴", "好哒", "好嘅", "好吧", "好嘞", "好叻", "好啊", "好呀", "行", "行吧", "可以", "嗯", "嗯嗯", "嗯呢", "哦", "哦哦", "噢", "喔",
         "ok", "okay", "okk", "ok的", "ok啦", "收到", "知道了", "知道啦", "明白", "明白了", "了解", "了解了", "懂了", "清楚了", "没问题", "没问题了",
         "没事了", "没有了", "没了", "那好", "那好吧", "是的", "对", "对的", "系", "係", "嗯好", "好的呢", "好的亲", "👌", "👍", "🙏", "😊", "🙂"];

    private static readonly string[] PresenceWords =
        ["在吗", "在么", "在嘛", "在不在", "在", "有人吗", "有人没", "有人在吗", "有人在", "你好", "您好", "哈喽", "hello", "hi", "嗨", "亲", "亲亲", "在线吗", "喂",
         "有没有人", "有冇人", "有人不", "有人么", "有人嘛"];

    /// <summary>
    /// Whom a presence check addresses (客服在吗, 老板在不在, 客服人呢): the address adds nothing to the check. 人工 is not
    /// among them: 人工在吗 asks for a person.
    /// </summary>
    private static readonly string[] AddressWords = ["客服", "客服小姐姐", "小姐姐", "老板", "店家", "掌柜", "掌柜的", "小二", "亲", "亲亲", "美女", "卖家"];

    /// <summary>What an address may be followed by to be a presence check: 人 (客服人呢, the particle dropped) besides the checks above.</summary>
    private static readonly string[] AddressedPresenceWords = ["人", "还在吗", "在线不"];

    /// <summary>Classifies the whole message; anything with a question or a request in it is <see cref="SmallTalkKind.None"/>.</summary>
    public static SmallTalkKind Classify(string? text) => Classify(text, null);

    /// <summary>The same, reusing the message's normalised form when the caller has it.</summary>
    public static SmallTalkKind Classify(string? text, NormalizedText? normalized)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return SmallTalkKind.None;
        var raw = text.Trim();
        if (raw.Length <= 6 && raw.All(c => c is '?' or '？' or '。' or '.' or '…' or '!' or '！' || char.IsWhiteSpace(c)) && raw.Any(c => c is '?' or '？'))
            return SmallTalkKind.Puzzled;
        // Folded (simplified, half-width, lower case): 謝謝 reads as 谢谢. Only the words are compared: the spaces,
        // punctuation, particles and repeats a shopper adds (好的好的, 谢谢！！, 嗯嗯～) say nothing more.
        if (IsOnlyAcknowledgingEmoji(raw)) return SmallTalkKind.Acknowledgement;
        var folded = (normalized ?? ChineseNormalizer.Normalize(raw)).Folded;
        if (folded.Length > 24) return SmallTalkKind.None;
        var words = Words(folded);
        if (words.Count == 0) return SmallTalkKind.None;
        var thanks = false;
        var presence = false;
        foreach (var word in words)
        {
            if (Is(ThanksWords, word)) thanks = true;
            else if (Is(PresenceWords, word) || IsAddressedPresenceCheck(word)) presence = true;
            else if (!Is(AcknowledgementWords, word)) return SmallTalkKind.None;
        }
        return thanks ? SmallTalkKind.Thanks : presence ? SmallTalkKind.PresenceCheck : SmallTalkKind.Acknowledgement;
    }

    private static bool Is(string[] lexicon, string word) => Array.IndexOf(lexicon, word) >= 0;

    /// <summary>An address word, then a presence check, in one word (客服在吗, 客服人呢 read as 客服人, 老板在不在).</summary>
    private static bool IsAddressedPresenceCheck(string word)
    {
        foreach (var address in AddressWords)
        {
            if (word.Length <= address.Length || !word.StartsWith(address, StringComparison.Ordinal)) continue;
            var rest = word[address.Length..];
            if (Is(PresenceWords, rest) || Is(AddressedPresenceWords, rest)) return true;
        }
        return false;
    }

    private static bool IsKnown(string word) => Is(ThanksWords, word) || Is(AcknowledgementWords, word) || Is(PresenceWords, word);

    /// <summary>A message of only these emoji (normalisation turns emoji into spaces) is an acknowledgement.</summary>
    private static bool IsOnlyAcknowledgingEmoji(string raw)
    {
        var any = false;
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(raw);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            if (string.IsNullOrWhiteSpace(element)) continue;
            if (!AcknowledgingEmoji.Contains(element.TrimEnd('\uFE0F'))) return false;
            any = true;
        }
        return any;
    }

    private static readonly HashSet<string> AcknowledgingEmoji = ["👌", "👍", "🙏", "😊", "🙂", "👏", "🤝", "💪", "✌", "❤", "🌹", "😁", "😄", "🥰", "ok"];

    /// <summary>The message split at spaces and punctuation, particles and tildes dropped, a word repeated right after itself kept once, and a word doubled inside itself (好的好的, 谢谢谢谢) halved.</summary>
    private static List<string> Words(string folded)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length == 0) return;
            var word = current.ToString();
            current.Clear();
            while (word.Length >= 2 && word.Length % 2 == 0 && word[..(word.Length / 2)] == word[(word.Length / 2)..] && !IsKnown(word))
                word = word[..(word.Length / 2)];
            if (words.Count == 0 || words[^1] != word) words.Add(word);
        }
        var s = folded;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || c is '~' or '～' or '^' or '=' or '+')
            {
                Flush();
                continue;
            }
            // Emoji are one "word" each (👌 is a surrogate pair).
            if (char.IsHighSurrogate(c) && i + 1 < s.Length)
            {
                Flush();
                current.Append(c).Append(s[i + 1]);
                i++;
                Flush();
                continue;
            }
            if (char.IsSymbol(c))
            {
                Flush();
                continue;
            }
            // A particle at the end of a word (好的呀, 好喔, 在吗亲) adds nothing; a word that is only particles (嗯, 哦) stays.
            if (c is '呀' or '啊' or '啦' or '呢' or '哈' or '哟' or '哇' or '喔' or '哦' or '噢' or '咯' && current.Length > 0)
                continue;
            current.Append(c);
        }
        Flush();
        return words;
    }
}

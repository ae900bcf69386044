using System.Text.RegularExpressions;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>
/// The classifier's view of a normalised message: character 1-3-grams inside each word run (with start and end marks,
/// so 人工 alone differs from 人工 inside a sentence), the masked numbers as one symbol each, whether an order number
/// is present, and the message's length band. Each feature is a 64-bit hash computed without allocating, so
/// featurising a message in the hot path costs no garbage; collisions at 64 bits are negligible for a corpus vocabulary.
/// Besides the n-grams, a few cue classes the n-grams spread over too many spellings for a linear model to add up
/// (<see cref="OwnCaseCues"/>): whether the message points at the shopper's own item or order, whether it asks in
/// general (how-to, is-it-normal, a hypothetical), and their combinations, so 杯子有味道怎么去 (general) and
/// 杯子才用一次就有味道了 (own case) differ by a feature the model can weigh, not only by words it has seen.
/// </summary>
public static partial class IntentFeatures
{
    private const char Start = '\u0002';
    private const char End = '\u0003';
    private const ulong Prime = 1099511628211UL;
    private const ulong Offset = 14695981039346656037UL;

    /// <summary>Calls <paramref name="emit"/> once per feature occurrence (a feature may repeat).</summary>
    public static void Extract<TState>(NormalizedText text, ref TState state, FeatureSink<TState> emit) =>
        Extract(LexiconText.Of(text), ref state, emit);

    /// <inheritdoc cref="Extract{TState}(NormalizedText, ref TState, FeatureSink{TState})"/>
    public static void Extract<TState>(LexiconText lexiconText, ref TState state, FeatureSink<TState> emit)
    {
        // The model reads what the lexicons read: product words that contain a trigger (人工刺绣, 真人试色, 人工智能,
        // 气炸锅) are blanked, or their 人工/真人 n-grams, learnt from hundreds of requests for a person, outweigh the
        // few product questions that contain them. (No allocation when the message has none.)
        var text = lexiconText.Text;
        var s = lexiconText.View;
        var index = 0;
        while (index < s.Length)
        {
            while (index < s.Length && s[index] == ' ') index++;
            var start = index;
            while (index < s.Length && s[index] != ' ') index++;
            if (index > start) EmitWord(s.AsSpan(start, index - start), ref state, emit);
        }
        if (text.HasOrderNumber) emit(ref state, Flag(1));
        if (text.HasTrackingNumber) emit(ref state, Flag(2));
        if (text.HasPhoneNumber) emit(ref state, Flag(3));
        EmitCueClasses(s, ref state, emit);
        var length = text.Content.Length;
        emit(ref state, Flag(length == 0 ? 10 : length <= 2 ? 11 : length <= 5 ? 12 : length <= 12 ? 13 : length <= 30 ? 14 : 15));
    }

    public delegate void FeatureSink<TState>(ref TState state, ulong feature);

    /// <summary>The cue classes of a folded message (what <see cref="Extract"/> adds besides the n-grams), for tests and intent-eval --explain.</summary>
    public static OwnCaseCues CuesOf(string folded)
    {
        var cues = OwnCaseCues.None;
        if (OwnCase().IsMatch(folded)) cues |= OwnCaseCues.OwnCase;
        if (TimeSinceDelivery().IsMatch(folded)) cues |= OwnCaseCues.TimeSinceDelivery;
        if (OutcomeTold().IsMatch(folded)) cues |= OwnCaseCues.OutcomeTold;
        if (GeneralQuestion().IsMatch(folded)) cues |= OwnCaseCues.GeneralQuestion;
        return cues;
    }

    private static void EmitCueClasses<TState>(string folded, ref TState state, FeatureSink<TState> emit)
    {
        var cues = CuesOf(folded);
        var own = (cues & (OwnCaseCues.OwnCase | OwnCaseCues.TimeSinceDelivery)) != 0;
        var general = (cues & OwnCaseCues.GeneralQuestion) != 0;
        if ((cues & OwnCaseCues.OwnCase) != 0) emit(ref state, Flag(20));
        if ((cues & OwnCaseCues.TimeSinceDelivery) != 0) emit(ref state, Flag(21));
        if ((cues & OwnCaseCues.OutcomeTold) != 0) emit(ref state, Flag(22));
        if (general) emit(ref state, Flag(23));
        // The combinations a linear model cannot form from the single cues.
        if (own && !general) emit(ref state, Flag(24));
        if (general && !own) emit(ref state, Flag(25));
        if (own && general) emit(ref state, Flag(26));
        if ((cues & OwnCaseCues.OutcomeTold) != 0 && !general) emit(ref state, Flag(27));
        if (RefusesTheBot(folded)) emit(ref state, Flag(30));
    }

    /// <summary>
    /// The shopper refuses the bot or its canned replies (<see cref="EscalationDetector.BotRefusal"/>): its spellings are
    /// spread over too many n-grams for the model to add up against a problem's words told in the same message, so it
    /// is one feature the model weighs as well as a lexicon cue.
    /// </summary>
    public static bool RefusesTheBot(string folded) => EscalationDetector.BotRefusal(folded) is not null;

    // The shopper's own item or order: a possessive, a delivery or purchase just made, use already made, a day named.
    [GeneratedRegex("我的|我家|我们家|我买|我这|我刚|我那|买的|收到|到手|到货|拿到|刚买|刚到|刚收|才用|才穿|才买|才戴|才洗|才充|已经|" +
                    "用了|穿了|戴了|洗了|充了|装好|装上|拆开|打开就|一打开|开箱|送到|送来|寄来|发来|这个|这件|这双|这台|这瓶|这袋|这单|这款我|" +
                    "昨天|前天|上周|上个月|买了|第一次用就|咗|到现在|到今天|还是一样|还是不行|" +
                    // The usual steps already done and the fault still there (泡了三回了还是有味, 洗咗几次都係唔出水).
                    "(次|遍|回)了?(还是|照样|依然|都是|都係)")]
    private static partial Regex OwnCase();

    // "才用了三天就", "收到两周", "用了一个月": a time since the purchase or delivery.
    [GeneratedRegex("(用|穿|戴|洗|买|收到|到货|充|跑|开|烧|煮|泡|刷|骑|坐|推|炸|蒸)了?(没)?([0-9一二两三四五六七八九十几半]+|个把|十来|几)个?(天|日|周|个礼拜|礼拜|星期|月|次|回|公里)")]
    private static partial Regex TimeSinceDelivery();

    // Something that already happened: a clause ending in 了 (不保温了, 充不上电了, 怎么被退回来了), a fault word with 了
    // inside a clause, or a Cantonese 唔 state. 快…了 / 就要…了 is about to happen (奶粉快喝完了, 猫粮快见底了): urgency, not
    // an outcome (快递 is the courier, not about-to).
    [GeneratedRegex("(?<!(快(?!递|件|速|运)|就要|马上就?|眼看就?)[^ ]{0,5})了( |$)|坏了|断了|裂了|破了|漏了|停了|唔(郁|转|响|亮|热|行)")]
    private static partial Regex OutcomeTold();

    // Asking in general: how-to, is-it-normal, is-it-X (是不是码小了), why, a hypothetical, how long.
    [GeneratedRegex("怎么|怎样|如何|咋(弄|办|洗|清|除|用|处理|保养|调|去|存)|一般|通常|平时|平常|正常吗|正常不|正常么|是正常|正常的吗|会不会|" +
                    "有没有(办法|方法|什么)|什么原因|啥原因|为什么|为啥|要不要|需不需要|多久|多长时间|的话|如果|要是|万一|点样|点解|有冇(方法|办法)|" +
                    "能用吗|还能用|还能喝|还能吃|是不是|要怎|用什么|用啥|咋|" +
                    // What to use or whether a way of using it is fine (拿啥擦, 垫油纸行不行, 放雪柜得唔得: the text is folded,
                    // so Cantonese 得唔得 reads 得不得 and 用咩 reads 用什么).
                    "拿啥|拿什么|行不行|得不得|有啥(办法|招)|" +
                    // Is-it-X asked as a clause of its own (是罩子太小吗, 会是尺码的问题吗): a guess at the cause, like 是不是.
                    "(^| )(是|会是)[^ ]{1,8}(吗|么|嘛)")]
    private static partial Regex GeneralQuestion();

    private static ulong Flag(int id) => Mix(Mix(Offset, 0xFFFF), (ulong)id);

    private static void EmitWord<TState>(ReadOnlySpan<char> word, ref TState state, FeatureSink<TState> emit)
    {
        // The masked numbers are one symbol each, not eleven letters.
        var symbol = word.SequenceEqual(ChineseNormalizer.OrderNumberToken) ? '\u0010'
            : word.SequenceEqual(ChineseNormalizer.PhoneNumberToken) ? '\u0011'
            : word.SequenceEqual(ChineseNormalizer.TrackingNumberToken) ? '\u0012'
            : '\0';
        Span<char> buffer = stackalloc char[Math.Min(word.Length, 128) + 2];
        var n = 0;
        buffer[n++] = Start;
        if (symbol != '\0')
        {
            buffer[n++] = symbol;
        }
        else
        {
            foreach (var c in word)
            {
                if (n == buffer.Length - 1) break;
                // ASCII digits say "a number", not which one.
                buffer[n++] = char.IsAsciiDigit(c) ? '0' : c;
            }
        }
        buffer[n++] = End;
        var chars = buffer[..n];
        for (var i = 0; i < chars.Length; i++)
        {
            // Unigrams of real characters only; bigrams and trigrams may include the start and end marks.
            if (chars[i] != Start && chars[i] != End) emit(ref state, Gram(chars.Slice(i, 1)));
            if (i + 2 <= chars.Length) emit(ref state, Gram(chars.Slice(i, 2)));
            if (i + 3 <= chars.Length) emit(ref state, Gram(chars.Slice(i, 3)));
        }
    }

    private static ulong Gram(ReadOnlySpan<char> gram)
    {
        var hash = Mix(Offset, (ulong)gram.Length);
        foreach (var c in gram) hash = Mix(hash, c);
        return hash;
    }

    private static ulong Mix(ulong hash, ulong value) => (hash ^ value) * Prime;
}

/// <summary>Cue classes of a message that tell the shopper's own case from a general question (<see cref="IntentFeatures.CuesOf"/>).</summary>
[Flags]
public enum OwnCaseCues
{
    None = 0,
    /// <summary>A possessive, a delivery or a use already made, a day named (我的, 收到, 已经, 用了, 昨天).</summary>
    OwnCase = 1,
    /// <summary>A time since purchase or delivery (才用三天, 收到两周, 穿了一次).</summary>
    TimeSinceDelivery = 2,
    /// <summary>Something that already happened, told as an outcome (不保温了, 怎么被退回来了, 坏了, 唔郁).</summary>
    OutcomeTold = 4,
    /// <summary>A general question: how-to, is-it-normal, why, a hypothetical, how long.</summary>
    GeneralQuestion = 8,
}

using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>
/// The classifier's view of a normalised message: character 1-3-grams inside each word run (with start and end marks,
/// so 人工 alone differs from 人工 inside a sentence), the masked numbers as one symbol each, whether an order number
/// is present, and the message's length band. Each feature is a 64-bit hash computed without allocating, so
/// featurising a message in the hot path costs no garbage; collisions at 64 bits are negligible for a corpus vocabulary.
/// </summary>
public static class IntentFeatures
{
    private const char Start = '\u0002';
    private const char End = '\u0003';
    private const ulong Prime = 1099511628211UL;
    private const ulong Offset = 14695981039346656037UL;

    /// <summary>Calls <paramref name="emit"/> once per feature occurrence (a feature may repeat).</summary>
    public static void Extract<TState>(NormalizedText text, ref TState state, FeatureSink<TState> emit)
    {
        var s = text.Folded;
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
        var length = text.Content.Length;
        emit(ref state, Flag(length == 0 ? 10 : length <= 2 ? 11 : length <= 5 ? 12 : length <= 12 ? 13 : length <= 30 ? 14 : 15));
    }

    public delegate void FeatureSink<TState>(ref TState state, ulong feature);

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

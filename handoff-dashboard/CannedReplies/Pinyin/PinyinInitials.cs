using System.Text;

namespace ChatSupport.HandoffDashboard.CannedReplies.Pinyin;

/// <summary>
/// Turns text into the pinyin initials agents type to find a phrase: 退款流程 → "tklc".
/// Latin letters and digits are kept (lower-cased) so "7天无理由" → "7twly"; everything else is dropped.
/// </summary>
public static class PinyinInitials
{
    public static string Of(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch >= PinyinInitialsTable.FirstCodePoint && ch <= PinyinInitialsTable.LastCodePoint)
            {
                var letter = PinyinInitialsTable.Letters[ch - PinyinInitialsTable.FirstCodePoint];
                if (letter != '_') sb.Append(letter);
            }
            else if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }
        return sb.ToString();
    }
}

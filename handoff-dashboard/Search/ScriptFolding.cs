using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// What index and query agree on before any segmentation: traditional folded to simplified (the bot's OpenCC-derived
/// table, compiled in from bot/Knowledge/Normalization), full-width ASCII to half-width, lower case. So 退貨 finds
/// 退货 and the other way round, and ＡＢＣ finds abc.
/// </summary>
public static class ScriptFolding
{
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var simplified = TraditionalToSimplified.Shared.Convert(text);
        return string.Create(simplified.Length, simplified, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
                else if (c == '\u3000') c = ' ';
                span[i] = char.ToLowerInvariant(c);
            }
        });
    }
}

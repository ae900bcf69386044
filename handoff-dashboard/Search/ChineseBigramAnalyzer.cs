using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// The recall field: overlapping character pairs (顺丰快递员 → 顺丰 丰快 快递 递员) over <see cref="ScriptFolding"/>.
/// A segmenter cuts a word differently inside a longer one (快递员 is one word, so 快递 alone would miss it); a phrase
/// of pairs still finds it. Ranked below the word field, so whole-word matches come first.
/// </summary>
public sealed class ChineseBigramAnalyzer : Analyzer
{
    /// <summary>Lines are values of one field: a gap keeps a phrase from matching across two of them.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TextReader InitReader(string fieldName, TextReader reader) => new StringReader(ScriptFolding.Fold(reader.ReadToEnd()));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(ChineseWordAnalyzer.Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(ChineseWordAnalyzer.Version, stream);
        stream = new CJKBigramFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Util;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// The segmentation-aware field: Lucene's SmartCn (an HMM word segmenter with its own dictionary, thread-safe per
/// analyzer, unlike jieba.NET's process-wide mutable dictionary) over <see cref="ScriptFolding"/>, so words are
/// compared as words (退款 does not match 款式's 款 alone) whatever script the text was typed in.
/// </summary>
public sealed class ChineseWordAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Lines are values of one field: a gap keeps a phrase from matching across two of them.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TextReader InitReader(string fieldName, TextReader reader) => new StringReader(ScriptFolding.Fold(reader.ReadToEnd()));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new StopFilter(Version, stream, SmartChineseAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

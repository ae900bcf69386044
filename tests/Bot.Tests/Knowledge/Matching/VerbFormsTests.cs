using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// The A-not-A question and the potential complement read as the plain verb phrase on both sides of a match (issue 10,
/// class 7 of the retrieval brief: 收得到 against an FAQ's 收到).
/// </summary>
public class VerbFormsTests
{
    private static readonly JiebaLexicon Lexicon = JiebaLexicon.Shared;

    [Theory]
    [InlineData("寄不寄新加坡", "寄新加坡")]
    [InlineData("这个锅防不防水", "这个锅防水")]
    [InlineData("快递到没到", "快递到")]
    [InlineData("多久收得到", "多久收到")]
    [InlineData("怎么都收不起来", "怎么都收起来")]
    [InlineData("盖子装不上去", "盖子装上去")]
    [InlineData("水垢擦不掉", "水垢擦掉")]
    public void FoldsToThePlainVerbPhrase(string text, string folded) => Assert.Equal(folded, VerbForms.Fold(text, Lexicon));

    [Theory]
    // 不 or 得 that belong to a word, or negate what follows an adverb, stay.
    [InlineData("对不起 我下错单了")]
    [InlineData("觉得好用")]
    [InlineData("怎么冲才不起泡")]
    [InlineData("记得到时候提醒我")]
    [InlineData("差不多多久到")]
    public void LeavesWordsAndNegationsAlone(string text) => Assert.Equal(text, VerbForms.Fold(text, Lexicon));

    [Fact]
    public async Task APotentialComplementMatchesTheFaqsPlainVerb()
    {
        using var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("shipping/arrival.md", KnowledgeFolder.Faq("下单后多久能收到？", ["快递几天到"], ["到货时间"], "一般 2–4 天送达。"));
        kb.Write("product/lid.md", KnowledgeFolder.Faq("锅盖怎么安装？", ["锅盖怎么装"], ["锅盖"], "对准卡槽按下即可。"));
        var snapshot = await kb.LoadAsync();
        var best = FaqMatcher.Match(snapshot.Index, ChineseNormalizer.Normalize("下了单要多久才收得到").Content, 2, new MatcherWeights(),
            withEvidence: true)[0];
        Assert.Equal("shipping/arrival", best.Faq.Id);
        Assert.Contains(best.Evidence, e => e.StartsWith("bigram '收到'", StringComparison.Ordinal));
    }
}

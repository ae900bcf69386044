using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// A term several FAQs name in their questions is taken as a product they share, unless it asks (多久到 from a tag such
/// as 几天到): that says which kind of question, and an FAQ matching it is not merely "about the same product".
/// </summary>
public class InterrogativeTermsTests
{
    private static KnowledgeFolder Shop()
    {
        var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("shipping/arrival.md", KnowledgeFolder.Faq("发货后几天能到？", ["快递几天到", "几天到货"], ["几天到", "到货时间"], "一般 2–4 天送达。"));
        kb.Write("policy/refund.md", KnowledgeFolder.Faq("退款几天到账？", ["退款几天到", "退了钱多久到"], ["几天到", "退款"], "审核后 1–3 个工作日原路退回。"));
        kb.Write("product/kettle.md", KnowledgeFolder.Faq("水壶第一次怎么用？", ["新水壶要先煮几次吗"], ["水壶"], "先煮两次清水倒掉。"));
        return kb;
    }

    [Fact]
    public async Task AnAskingTermIsNoSharedProduct()
    {
        using var kb = Shop();
        var snapshot = await kb.LoadAsync();
        Assert.Contains("T退款", snapshot.Index.Postings.Keys);
        Assert.DoesNotContain(snapshot.Index.EntityFeatures, k => k[0] == 'T' && FaqMatcher.ContainsInterrogative(k[1..]));
        // The asking term is the message's topic: the FAQ that has it is not marked off-topic.
        var best = FaqMatcher.Match(snapshot.Index, ChineseNormalizer.Normalize("周末拍的 大概几天到货").Content, 2, new MatcherWeights())[0];
        Assert.Equal("shipping/arrival", best.Faq.Id);
        Assert.Equal(1.0, best.Penalty);
    }

    [Theory]
    [InlineData("多久到", true)]
    [InlineData("几天到", true)]
    [InlineData("奶瓶", false)]
    [InlineData("到货时间", false)]
    public void TellsAskingTermsFromNames(string term, bool asks) => Assert.Equal(asks, FaqMatcher.ContainsInterrogative(term));
}

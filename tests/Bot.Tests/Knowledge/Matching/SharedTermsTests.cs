using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// Terms several FAQs share (a product such as 奶瓶, and an action such as 消毒) say which product; an FAQ that has
/// every shared term of a message, two or more, matches its question too (issue 10, class b). A synthetic folder.
/// </summary>
public class SharedTermsTests
{
    private static KnowledgeFolder BabyShop()
    {
        var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("bottle/sterilising.md", KnowledgeFolder.Faq("奶瓶怎么消毒？", ["奶瓶能用开水煮吗", "奶瓶多久消毒一次"], ["奶瓶", "消毒"], "奶瓶每次用完清洗，每天消毒一次。"));
        kb.Write("bottle/capacity.md", KnowledgeFolder.Faq("奶瓶有几种容量？", ["奶瓶有大号的吗", "奶瓶多少毫升"], ["奶瓶", "容量"], "有 160 ml 和 240 ml 两种。"));
        kb.Write("pump/cleaning.md", KnowledgeFolder.Faq("吸奶器怎么清洗消毒？", ["吸奶器配件能煮吗", "吸奶器能蒸汽消毒吗"], ["吸奶器", "消毒"], "拆下配件清洗后蒸汽消毒。"));
        kb.Write("pump/parts.md", KnowledgeFolder.Faq("吸奶器配件有单卖吗？", ["吸奶器的配件在哪买", "吸奶器鸭嘴阀多久换"], ["吸奶器", "配件"], "配件在店铺单独有售。"));
        return kb;
    }

    private static MatchCandidate Best(KnowledgeSnapshot snapshot, string text) =>
        FaqMatcher.Match(snapshot.Index, ChineseNormalizer.Normalize(text).Content, 3, new MatcherWeights())[0];

    [Fact]
    public async Task AnFaqWithEverySharedTermOfTheMessageIsNotMarkedOffTopic()
    {
        using var kb = BabyShop();
        var snapshot = await kb.LoadAsync();
        var best = Best(snapshot, "奶樽係咪每次都要消毒");
        Assert.Equal("bottle/sterilising", best.Faq.Id);
        Assert.Equal(1.0, best.Penalty);
    }

    [Fact]
    public async Task OneSharedTermAloneIsStillOnlyTheSameProductOrAction()
    {
        using var kb = BabyShop();
        var snapshot = await kb.LoadAsync();
        // 消毒 is all this message shares with the folder: whichever FAQ comes first is marked off-topic.
        Assert.True(Best(snapshot, "空调是不是要日日消毒").Penalty < 1);
    }
}

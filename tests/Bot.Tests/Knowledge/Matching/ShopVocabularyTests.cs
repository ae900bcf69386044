using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// The cross-strait shop vocabulary (regional-shop-words.yml, regional-service-words.yml) and what the matcher does
/// with it, on a small appliance store written for these tests (no evaluation set's store or lines).
/// </summary>
public class ShopVocabularyTests
{
    private static string Fold(string text, List<string>? concepts = null, List<string>? products = null) =>
        SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize(text).Content, concepts, products);

    [Theory]
    [InlineData("氣炸鍋", "空气炸锅")]
    [InlineData("奶樽", "奶瓶")]
    [InlineData("吸乳器", "吸奶器")]
    [InlineData("擠奶器", "吸奶器")]
    [InlineData("BB車", "推车")]
    [InlineData("嬰兒手推車", "推车")]
    [InlineData("汽座", "安全座椅")]
    [InlineData("尿布", "纸尿裤")]
    [InlineData("尿片", "纸尿裤")]
    [InlineData("行動電源", "充电宝")]
    [InlineData("吹風機", "吹风机")]
    [InlineData("風筒", "吹风机")]
    [InlineData("雪櫃", "冰箱")]
    [InlineData("筆電", "笔记本电脑")]
    [InlineData("洗面乳", "洗面奶")]
    [InlineData("鳳梨", "菠萝")]
    [InlineData("腳踏車", "自行车")]
    public void TaiwanAndHongKongProductWordsFoldToTheMainlandWord(string regional, string mainland)
    {
        Assert.Equal(mainland, Fold(regional));
        // Either script of the regional word, and the mainland word itself, end up the same.
        Assert.Equal(mainland, Fold(SimplifiedToTraditional.Shared.Convert(regional)));
        Assert.Equal(mainland, Fold(mainland));
    }

    [Fact]
    public void TheVocabularyFoldsWithoutConceptEvidenceAndReportsOnlyProducts()
    {
        var concepts = new List<string>();
        var products = new List<string>();
        Fold("氣炸鍋的炸籃可以放洗碗機嗎", concepts, products);
        // The general groups (的, 可以) still report their concepts; the product only folds.
        Assert.DoesNotContain("空气炸锅", concepts);
        Assert.Contains("空气炸锅", products);

        products.Clear();
        // People, actions and service words fold too, but they are not products.
        Assert.Equal("宝宝的收纳", Fold("細路仔嘅收合", products: products).Replace("嘅", "的"));
        Assert.Empty(products);
    }

    [Fact]
    public void LongerWordsWinOverShorterVariants()
    {
        Assert.Equal("安抚奶嘴", Fold("安撫奶嘴"));
        Assert.Equal("拉拉裤", Fold("褲型尿布"));
        Assert.Equal("bb霜", Fold("BB霜"));
    }

    private static KnowledgeFolder ApplianceStore()
    {
        var folder = new KnowledgeFolder(withSampleFaqs: false);
        folder.Write("products/air-fryer/cleaning.md", KnowledgeFolder.Faq("空气炸锅怎么清洗？", ["炸篮能用洗碗机洗吗", "空气炸锅有油烟怎么清理"],
            ["空气炸锅", "清洗", "炸篮"], "炸篮和烤盘可拆下用温水和中性洗洁精清洗，也可放入洗碗机；机身用湿布擦拭，不可水洗。"));
        folder.Write("products/air-fryer/temperature.md", KnowledgeFolder.Faq("空气炸锅温度和时间怎么设置？", ["炸鸡翅要多少度", "空气炸锅要预热吗"],
            ["空气炸锅", "温度", "预热", "时间"], "一般 180–200 度；鸡翅 200 度 15 分钟，中途翻面；预热 3 分钟效果更好。"));
        folder.Write("products/kettle/descaling.md", KnowledgeFolder.Faq("电热水壶有水垢怎么办？", ["水壶底部发白怎么清理", "多久除一次水垢"],
            ["电热水壶", "水垢", "除垢", "柠檬酸"], "加半壶水和一包柠檬酸，烧开后静置 30 分钟再冲洗；每月一次即可。"));
        folder.Write("shipping/free-shipping.md", KnowledgeFolder.Faq("包邮吗？运费怎么算？", ["不满多少要付运费", "空气炸锅包邮吗"],
            ["包邮", "运费"], "全店满 49 元包邮，不满收 6 元运费；新疆西藏除外。"));
        folder.Write("shipping/courier.md", KnowledgeFolder.Faq("发什么快递？", ["可以发顺丰吗", "默认哪家快递"],
            ["快递", "顺丰"], "默认发圆通，顺丰需补差价 10 元。"));
        folder.Write("policy/warranty.md", KnowledgeFolder.Faq("保修多久？", ["坏了能保修吗", "保修要什么凭证"],
            ["保修", "质保"], "整机保修一年，凭订单号申请；人为损坏不在保修范围。"));
        return folder;
    }

    [Theory]
    [InlineData("氣炸鍋點樣洗先乾淨", "products/air-fryer/cleaning")]
    [InlineData("氣炸鍋的炸籃可以丟洗碗機嗎", "products/air-fryer/cleaning")]
    [InlineData("空气炸锅的炸篮可以丢洗碗机吗", "products/air-fryer/cleaning")]
    [InlineData("熱水煲底部好多白色水垢點算", "products/kettle/descaling")]
    [InlineData("快煮壺有水垢要怎麼清", "products/kettle/descaling")]
    public async Task RegionalProductWordsFindTheStoresFaq(string message, string faqId)
    {
        using var folder = ApplianceStore();
        var router = await folder.RouterAsync();
        var decision = router.Preview(message, RoutingContext.FirstMessage);
        Assert.True(decision.Route is Route.Answer or Route.Clarify, $"{message}: {decision.Route} ({decision.Explanation})");
        Assert.Equal(faqId, decision.Route == Route.Answer ? decision.FaqId : decision.Candidates[0].FaqId);
    }

    [Fact]
    public async Task TraditionalAndSimplifiedOfOneQuestionScoreTheSame()
    {
        using var folder = ApplianceStore();
        var router = await folder.RouterAsync();
        var simplified = router.Preview("空气炸锅炸鸡翅要设多少度", RoutingContext.FirstMessage);
        var traditional = router.Preview("氣炸鍋炸雞翅要設多少度", RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, simplified.Route);
        Assert.Equal("products/air-fryer/temperature", simplified.FaqId);
        Assert.Equal(simplified.Route, traditional.Route);
        Assert.Equal(simplified.FaqId, traditional.FaqId);
        Assert.Equal(simplified.Score, traditional.Score, 3);
    }

    [Theory]
    [InlineData("烤箱怎么清洗", "空气炸锅怎么清洗")]
    [InlineData("豆浆机温度怎么设置", "空气炸锅温度怎么设置")]
    [InlineData("吸尘器怎么清洗", "空气炸锅怎么清洗")]
    public async Task AProductTheStoreDoesNotSellIsNotAnsweredWithASoldProductsFaq(string unsold, string sold)
    {
        using var folder = ApplianceStore();
        var router = await folder.RouterAsync();
        // The control: the same question about the product the store sells is answered.
        var control = router.Preview(sold, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, control.Route);
        var decision = router.Preview(unsold, RoutingContext.FirstMessage);
        Assert.NotEqual(Route.Answer, decision.Route);
        Assert.True(decision.Score < control.Score * 0.7, $"{unsold}: {decision.Score} vs {sold}: {control.Score}");
    }

    [Fact]
    public async Task APolicyFaqStillAnswersForAnyProduct()
    {
        using var folder = ApplianceStore();
        var router = await folder.RouterAsync();
        // The free-shipping FAQ names 空气炸锅 only as an example in an alternate question: its title is about shipping.
        var decision = router.Preview("买个吹风机包邮吗", RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("shipping/free-shipping", decision.FaqId);
    }

    [Fact]
    public async Task AnExtraChargeIsNotASecondQuestion()
    {
        using var folder = ApplianceStore();
        var router = await folder.RouterAsync();
        // 另外 here means "extra", not "and another thing": the part before it asks nothing.
        var decision = router.Preview("空气炸锅要另外付运费吗", RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("shipping/free-shipping", decision.FaqId);
    }
}

using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;

namespace ChatSupport.Bot.Tests.Knowledge;

public class HomophoneCorrectorTests
{
    private static HomophoneCorrector Vocabulary(params string[] pairs) => new(pairs.Select(p => (p, 1, true)));

    [Fact]
    public void ReadingsComeFromTheGeneratedTable()
    {
        Assert.Equal("tian", PinyinTable.Of('天'));
        Assert.Equal("tian", PinyinTable.Of('填'));
        Assert.Equal("you", PinyinTable.Of('邮'));
        Assert.Equal("lv", PinyinTable.Of('绿'));
        Assert.Null(PinyinTable.Of('a'));
        Assert.Null(PinyinTable.Of('，'));
    }

    [Theory]
    [InlineData("几填能到", "几天能到")]
    [InlineData("包油吗", "包邮吗")]
    [InlineData("发啥快第", "发啥快递")]
    [InlineData("啥时侯发货", "啥时候发货")]
    public void ReadsAnUnknownPairAsTheKnownPairOfTheSameSound(string typed, string meant)
    {
        var corrector = Vocabulary("几天", "包邮", "快递", "时候", "发货");
        var corrections = new List<string>();
        Assert.Equal(meant, corrector.Correct(typed, corrections));
        Assert.NotEmpty(corrections);
    }

    [Theory]
    [InlineData("几天能到")] // known pairs are never touched
    [InlineData("宝油吗")] // same sound as 包邮, but no character in common: another word, not a typo
    [InlineData("过小溪吗")] // 溪吗 sounds like 洗吗, but a pair with a function character is no word
    [InlineData("被子暴晒")] // 子暴 sounds like 子保, but 暴 belongs to the known 暴晒
    [InlineData("hello 123")]
    [InlineData("")]
    public void LeavesEverythingElseAsTyped(string text)
    {
        var corrector = Vocabulary("几天", "包邮", "洗吗", "子保", "暴晒");
        Assert.Same(text, corrector.Correct(text));
    }

    [Fact]
    public void TwoUnknownPairsInARowRepairTheCharacterTheyDoNotShare()
    {
        // 锅包 sounds like the store's 锅保 (锅保修几年) and 包油 like its 包邮: the shared 包 is typed right, the typo is 油.
        var corrector = Vocabulary("锅保", "包邮");
        var corrections = new List<string>();
        Assert.Equal("买一个锅包邮吗", corrector.Correct("买一个锅包油吗", corrections));
        Assert.Equal(["包油→包邮"], corrections);
        // Without a repair of the next pair that keeps it, the shared character is the typo as before.
        Assert.Equal("锅保修", Vocabulary("锅保").Correct("锅包修"));
    }

    [Fact]
    public void WhenTwoKnownPairsSoundAlikeTheOneMoreFaqsUseWins()
    {
        var corrector = new HomophoneCorrector([("适用", 1, true), ("试用", 5, true)]);
        Assert.Equal("试用装", corrector.Correct("试佣装"));
        // Pairs that only occur in answer text are not offered as corrections.
        Assert.Equal("包油", new HomophoneCorrector([("包邮", 3, false)]).Correct("包油"));
    }

    [Theory]
    [InlineData("奶嘴一般煮几分钟")] // 几分 sounds like the store's 积分, but 几分钟 is a word of general Chinese
    [InlineData("还有几分希望")] // 几分 is a common word on its own
    public void GeneralWordsAreNoTyposOfTheStoresWords(string text)
    {
        var withLexicon = new HomophoneCorrector([("积分", 3, true)], ChatSupport.Bot.Knowledge.Segmentation.JiebaLexicon.Shared);
        Assert.Same(text, withLexicon.Correct(text));
        // Without general Chinese to check against, the store's pair would be read into it.
        Assert.Contains("积分", new HomophoneCorrector([("积分", 3, true)]).Correct(text));
    }

    [Fact]
    public void TyposThatAreNoGeneralWordsAreStillRepairedWithTheLexicon()
    {
        var corrector = new HomophoneCorrector([("几天", 2, true), ("时候", 2, true), ("包邮", 2, true)],
            ChatSupport.Bot.Knowledge.Segmentation.JiebaLexicon.Shared);
        Assert.Equal("几天能到", corrector.Correct("几填能到"));
        Assert.Equal("什么时候发货", corrector.Correct("什么时侯发货"));
        Assert.Equal("拍两罐奶粉包邮吗", corrector.Correct("拍两罐奶粉包油吗"));
    }

    [Theory]
    [InlineData("几填能收到", "shipping/delivery")]
    [InlineData("发啥快第", "shipping/courier")]
    [InlineData("茶壶容粮多少", "product/teapot-capacity")]
    public async Task TheRouterAnswersThroughAHomophoneTypo(string text, string faqId)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal(faqId, decision.FaqId);
    }
}

public class HomophoneNeighbourWordTests
{
    [Theory]
    [InlineData("现在房价多少")] // 价 belongs to 房价 and 多 to 多少: 价多 is no typo of the store's 加多
    [InlineData("这个票价多少")]
    public void ACharacterThatFormsACommonWordWithItsOtherNeighbourIsNoTypo(string text)
    {
        var corrector = new HomophoneCorrector([("加多", 2, true), ("多少", 3, true)], ChatSupport.Bot.Knowledge.Segmentation.JiebaLexicon.Shared);
        Assert.Same(text, corrector.Correct(text));
    }

    [Fact]
    public void AStrayCharacterNextToNoWordIsStillRepaired()
    {
        var corrector = new HomophoneCorrector([("加多", 2, true)], ChatSupport.Bot.Knowledge.Segmentation.JiebaLexicon.Shared);
        Assert.Equal("顺丰要加多钱", corrector.Correct("顺丰要家多钱"));
    }
}

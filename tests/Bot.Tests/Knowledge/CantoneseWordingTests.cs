using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge;

/// <summary>Cantonese grammar words read as the Mandarin the FAQs are written in, in either script (issue 10, class 7).</summary>
public class CantoneseWordingTests
{
    [Theory]
    [InlineData("水樽係咪要日日洗", "水樽是不是要日日洗")]
    [InlineData("榨汁機用完點樣洗", "榨汁机用完怎么洗")]
    [InlineData("煲好嘅湯放幾耐就要倒咗", "煲好的汤放多久就要倒了")]
    [InlineData("寄唔寄台灣㗎 我喺台灣住", "寄不寄台湾 我在台湾住")]
    [InlineData("有冇得換", "有没有得换")]
    [InlineData("而家幾多錢", "现在多少钱")]
    [InlineData("佢哋幾時發貨", "他们什么时候发货")]
    public void CantoneseGrammarWordsBecomeMandarin(string raw, string expected) =>
        Assert.Equal(expected, ChineseNormalizer.Normalize(raw).Content);

    [Theory]
    // General grammar added for the retrieval brief (class 1); none of these lines is from an evaluation set.
    [InlineData("呢張凳坐唔坐得", "这张凳能不能坐")]
    [InlineData("仲有冇貨", "还有没有货")]
    [InlineData("可唔可以換返大啲", "可不可以换回大些")]
    [InlineData("想要細啲嘅", "想要小些的")]
    [InlineData("寄咗未", "寄了没有")]
    [InlineData("今日落單幾日到", "今天下单几天到")]
    [InlineData("嗰件幾大", "那件多大")]
    [InlineData("啱啱買咗就平咗", "刚刚买了就降价了")]
    public void CantoneseGrammarAddedForRetrievalBecomesMandarin(string raw, string expected) =>
        Assert.Equal(expected, ChineseNormalizer.Normalize(raw).Content);

    [Theory]
    [InlineData("系统怎么登录")]
    [InlineData("仲裁结果出来了吗")]
    [InlineData("返现什么时候到账")]
    [InlineData("未收到货")]
    [InlineData("详细说明书在哪")]
    [InlineData("联系客服")]
    [InlineData("几点发货")]
    [InlineData("都是正品吗")]
    public void MandarinTextIsUnchanged(string text) => Assert.Equal(text, CantoneseWording.ToMandarin(text));

    [Fact]
    public void TheThankYouFillerStaysAFiller() =>
        Assert.Equal("几天到", ChineseNormalizer.Normalize("唔該 幾天到").Content);
}

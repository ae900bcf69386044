using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge;

/// <summary>What a marketplace chat window adds is stripped before any stage reads the message (issue 10, class 8).</summary>
public class ChatWindowNoiseTests
{
    [Theory]
    [InlineData("咨询订单号：2301928374651 商品ID：6712 订单金额：129.00 下单时间：2026-10-03 12:30:11\n鞋底开胶了", "鞋底开胶了")]
    [InlineData("咨詢訂單號:2301928374651 商品ID:6712 訂單金額:¥129.00 下單時間:2026/10/03 12:30\n鞋底開膠了", "鞋底开胶了")]
    [InlineData("订单金额：¥45.00｜订单号：918273645｜商品ID：55120\n螺丝刀少了批头", "螺丝刀少了批头")]
    [InlineData("【我的订单】下单时间 2026-11-28 22:10:45 订单号 6102938475012 实付 ¥12.90\n没有笔芯", "没有笔芯")]
    public void OrderCardsLeaveOnlyTheQuestionAndTheFactThatThereIsAnOrder(string raw, string question)
    {
        var text = ChineseNormalizer.Normalize(raw);
        Assert.True(text.HasOrderNumber);
        Assert.Equal(question, text.Content.Replace(ChineseNormalizer.OrderNumberToken, "").Replace(" ", ""));
    }

    [Theory]
    [InlineData("[来自手机淘宝] 几天能到", "几天能到")]
    [InlineData("来自商品详情页\n几天能到", "几天能到")]
    [InlineData("几天能到(移动端)", "几天能到")]
    [InlineData("幾天能到（移動端）", "几天能到")]
    [InlineData("2026-11-30 21:05:33 几天能到", "几天能到")]
    [InlineData("几天能到 几天能到", "几天能到")]
    [InlineData("几天能到几天能到", "几天能到")]
    public void EntryLabelsTimestampsAndRepeatsGo(string raw, string content) =>
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);

    [Theory]
    [InlineData("[微笑]几天能到", "几天能到")]
    [InlineData("几天能到[疑问][疑问]", "几天能到")]
    [InlineData("［捂臉］幾天能到", "几天能到")]
    [InlineData("[图片] 几天能到", "几天能到")]
    [InlineData("几天能到 [ok]", "几天能到")]
    [InlineData("几天能到/:)", "几天能到")]
    public void EmojiAndAttachmentCodesGo(string raw, string content) =>
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);

    [Fact]
    public void ABracketedTitleWordIsNotAnEmojiCode() =>
        Assert.Equal("预售 几天能到", ChineseNormalizer.Normalize("【预售】几天能到").Content);

    [Theory]
    [InlineData("下单时间是几点截止")]
    [InlineData("10:00前下单今天发吗")]
    [InlineData("商品详情里的尺码准吗")]
    public void OrdinaryQuestionsAboutOrdersAndTimesKeepTheirWords(string raw) =>
        Assert.Equal(ChineseNormalizer.Normalize(raw).Content, ChineseNormalizer.Normalize(raw).Folded);

    [Theory]
    [InlineData("转人公", "转人工")]
    [InlineData("砖人工", "转人工")]
    [InlineData("轉人攻", "转人工")]
    [InlineData("我要投素", "我要投诉")]
    [InlineData("给你们差凭", "给你们差评")]
    [InlineData("推货", "退货")]
    [InlineData("主人公是谁", "主人公是谁")]
    public void TyposOfServiceWordsAreCorrectedBeforeAnyStage(string raw, string folded) =>
        Assert.Equal(folded, ChineseNormalizer.Normalize(raw).Folded);

    [Fact]
    public void TraditionalIsFoldedBeforeAnyLexiconReadsIt() =>
        Assert.Equal("气炸锅怎么清洗", ChineseNormalizer.Normalize("氣炸鍋怎麼清洗？").Folded);
}

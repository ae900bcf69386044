using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>Whether the goods are genuine is one question however it is worded: 保真吗, 是行货吗, 别是假货/水货吧.</summary>
public class GenuineGoodsWordingTests
{
    [Theory]
    [InlineData("这款茶叶保真吗")]
    [InlineData("是不是行货")]
    [InlineData("别是水货吧")]
    [InlineData("會不會是假貨")]
    public void FoldsToTheGenuineGoodsTerm(string text)
    {
        Assert.Contains("正品", SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize(text).Content));
    }
}

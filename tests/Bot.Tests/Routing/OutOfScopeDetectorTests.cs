using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;

namespace ChatSupport.Bot.Tests.Routing;

public class OutOfScopeDetectorTests
{
    [Theory]
    [InlineData("真人娛樂城開業 首儲加碼送")]
    [InlineData("新人首存送彩金 点击领取")]
    public void AnOnlineCasinoAdvertIsSpam(string text) =>
        Assert.NotNull(OutOfScopeDetector.DetectSpam(ChineseNormalizer.Normalize(text)));

    [Theory]
    [InlineData("你们招客服吗")]
    [InlineData("店里还招主播不")]
    public void AskingForAJobAtTheStoreIsNotAShoppersQuestion(string text) =>
        Assert.NotNull(OutOfScopeDetector.DetectNotAShopper(ChineseNormalizer.Normalize(text)));

    [Theory]
    [InlineData("客服几点上班")]
    [InlineData("招财猫摆件有现货吗")]
    [InlineData("首次使用要注意什么")]
    public void AStoreQuestionWithTheseCharactersIsNeither(string text)
    {
        var normalized = ChineseNormalizer.Normalize(text);
        Assert.Null(OutOfScopeDetector.DetectSpam(normalized));
        Assert.Null(OutOfScopeDetector.DetectNotAShopper(normalized));
    }
}

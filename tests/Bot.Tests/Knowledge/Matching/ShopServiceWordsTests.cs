using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// The built-in shop-service groups of default-synonyms.yml: a shopper's everyday word and the FAQ's word fold to the
/// same term whichever side uses which, and the neighbouring subjects a store answers differently stay apart.
/// </summary>
public class ShopServiceWordsTests
{
    private static string Fold(string text, List<string>? concepts = null) =>
        SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize(text).Content, concepts);

    [Theory]
    // A shopper's word and the word an FAQ is written with, either way round.
    [InlineData("能送上楼吗", "能送货上门吗")]
    [InlineData("能放快递柜吗", "能放驿站吗")]
    [InlineData("可以寄到付吗", "可以运费到付吗")]
    [InlineData("寄回邮费谁出", "退货运费谁出")]
    [InlineData("能分几期吗", "能分期付款吗")]
    [InlineData("可以碌卡吗", "可以刷卡吗")]
    [InlineData("订单怎么撤销", "订单怎么取消")]
    [InlineData("买完减价了怎么办", "买完降价了怎么办")]
    [InlineData("能用抵用券吗", "能用优惠券吗")]
    [InlineData("断货了吗", "缺货了吗")]
    [InlineData("能开普票吗", "能开发票吗")]
    [InlineData("可以礼物包装吗", "可以礼品包装吗")]
    [InlineData("七日無理由可以嗎", "七天无理由可以吗")]
    [InlineData("过敏体质能用吗", "过敏能用吗")]
    public void AShoppersWordAndTheFaqsWordFoldAlike(string message, string faq)
    {
        Assert.Equal(Fold(faq), Fold(message));
        Assert.Equal(Fold(message), Fold(faq));
    }

    [Fact]
    public void TheFoldedWordIsReportedAsAConcept()
    {
        var concepts = new List<string>();
        Fold("退货邮费谁出", concepts);
        // Without its own group 退货运费 reads as 退 + 货运 (a courier) + 费, and the return is lost.
        Assert.Contains("退货运费", concepts);
        Assert.DoesNotContain("快递", concepts);
    }

    [Theory]
    // Neighbouring subjects a store answers differently: each pair must not fold to one term.
    [InlineData("可以到付吗", "可以货到付款吗")]      // freight collect vs cash on delivery
    [InlineData("退货运费多少", "运费多少")]          // return postage vs the order's shipping fee
    [InlineData("能开专票吗", "能开发票吗")]          // the VAT special invoice vs an ordinary one
    [InlineData("能送货上门吗", "能放驿站吗")]        // to the door vs a station
    [InlineData("什么时候发货", "什么时候到货")]      // dispatch vs arrival
    [InlineData("可以退货吗", "可以换货吗")]          // return vs exchange
    [InlineData("可以退货吗", "可以退款吗")]          // the goods vs the money
    public void NeighbouringSubjectsStayApart(string one, string other) =>
        Assert.NotEqual(Fold(one), Fold(other));

    [Fact]
    public void InstallationAtHomeIsNotDoorDelivery()
    {
        var concepts = new List<string>();
        Fold("可以上门安装吗", concepts);
        Assert.DoesNotContain("送货上门", concepts);
    }
}

using ChatSupport.HandoffDashboard.CannedReplies;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class TemplateVariablesTests
{
    private static readonly ChatContext Full = new("王女士", "DD123", "GH-007", "小雅家居");

    [Fact]
    public void FillsEveryKnownVariableFromTheChat()
    {
        var filled = TemplateVariables.Fill("{客户称呼}您好，订单{订单号}由客服{客服工号}为您处理，欢迎光临{店铺名}。", Full);

        Assert.Equal("王女士您好，订单DD123由客服GH-007为您处理，欢迎光临小雅家居。", filled.Text);
        Assert.True(filled.Complete);
    }

    [Fact]
    public void LeavesAMissingValueVisibleAndReportsIt()
    {
        var filled = TemplateVariables.Fill("{客户称呼}，订单{订单号}已发货", Full with { OrderNumber = null });

        Assert.Equal("王女士，订单{订单号}已发货", filled.Text);
        Assert.Equal(["订单号"], filled.Unfilled);
    }

    [Fact]
    public void ReportsAnUnknownVariableInsteadOfDroppingIt()
    {
        var filled = TemplateVariables.Fill("送您{优惠券}一张，{客户称呼}", Full);

        Assert.Equal("送您{优惠券}一张，王女士", filled.Text);
        Assert.Equal(["优惠券"], filled.Unfilled);
    }

    [Fact]
    public void TextWithoutVariablesIsUnchanged()
    {
        var filled = TemplateVariables.Fill("感谢您的耐心 {} { 空格 }", Full);
        Assert.Equal("感谢您的耐心 {} { 空格 }", filled.Text);
        Assert.True(filled.Complete);
    }
}

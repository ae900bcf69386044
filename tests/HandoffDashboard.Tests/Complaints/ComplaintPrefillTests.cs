using ChatSupport.HandoffDashboard.Complaints;

namespace ChatSupport.HandoffDashboard.Tests.Complaints;

public sealed class ComplaintPrefillTests
{
    [Theory]
    [InlineData("我的电话是 13812345678，杯子碎了", null)]
    [InlineData("电话 13812345678，订单 2026110100012345", "2026110100012345")]
    [InlineData("13812345678 2026110100012345", "2026110100012345")]
    [InlineData("订单号：A2026110155 的杯子碎了", "A2026110155")]
    [InlineData("12345678901234", "12345678901234")]
    public void APhoneNumberIsNeverTakenForTheOrderNumber(string text, string? order) =>
        Assert.Equal(order, ComplaintPrefill.FindOrderNumber(text));
}

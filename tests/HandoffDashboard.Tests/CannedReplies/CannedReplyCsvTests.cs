using ChatSupport.HandoffDashboard.CannedReplies;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class CannedReplyCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-5元", "'-5元")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("退款", "退款")]
    [InlineData("", "")]
    public void ExportDefusesCellsThatASpreadsheetWouldRunAsFormula(string cell, string expected)
    {
        Assert.Equal(expected, CannedReplyCsv.Defuse(cell));
        Assert.Equal(cell, CannedReplyCsv.Undefuse(CannedReplyCsv.Defuse(cell)));
    }

    [Fact]
    public void WrittenCsvParsesBackWithQuotesCommasAndNewlines()
    {
        var reply = new CannedReply("id1", CannedReplyScope.Team, null, CannedReplyKind.Phrase, "标题,带逗号", "第一行\n第二行 \"引号\"",
            "安抚", "/ab", 1, DateTimeOffset.UnixEpoch);

        var rows = CannedReplyCsv.Parse(CannedReplyCsv.Write([reply]).TrimStart('\uFEFF'));

        Assert.Equal(2, rows.Count);
        Assert.Equal(CannedReplyCsv.Columns, rows[0]);
        Assert.Equal(["id1", "Team", "Phrase", "安抚", "标题,带逗号", "/ab", "第一行\n第二行 \"引号\""], rows[1]);
    }

    [Fact]
    public void UnterminatedQuoteIsAFormatError() =>
        Assert.Throws<FormatException>(() => CannedReplyCsv.Parse("title,text\n\"abc,def\n"));
}

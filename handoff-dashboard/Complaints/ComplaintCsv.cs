using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>
/// The complaint list as CSV, one row per complaint. Its chat files are listed by name and size, not by link: a signed URL in a
/// spreadsheet would stop working within Attachments:UrlLifetimeMinutes without saying so; the complaint page shows the files.
/// </summary>
public static class ComplaintCsv
{
    public static CsvTable Of(IReadOnlyList<Complaint> complaints)
    {
        var csv = new CsvTable().Row("编号", "状态", "类别", "顾客", "顾客编号", "渠道", "订单号", "会话", "投诉内容", "受理时间", "受理人",
            "是否成立", "责任部门", "处理方案", "补偿", "顾客确认", "聊天附件（在投诉页查看）");
        foreach (var c in complaints)
        {
            var files = string.Join("；", c.Attachments().Select(a => a.Size > 0 ? $"{a.Name}（{SizeLabel(a.Size)}）" : a.Name));
            csv.Row(c.Id, c.State, c.Category, c.CustomerName, c.CustomerId, c.Channel, c.OrderNumber, c.ConversationId, c.Summary,
                c.OpenedAt.ToString("yyyy-MM-dd HH:mm"), c.OpenedByName ?? c.OpenedBy, c.Validity, c.Department, c.Plan, c.Compensation,
                c.CustomerConfirmation, files);
        }
        return csv;
    }

    private static string SizeLabel(long bytes) =>
        bytes >= 1024 * 1024 ? (bytes / 1024d / 1024d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB" : Math.Max(1, bytes / 1024) + " KB";
}

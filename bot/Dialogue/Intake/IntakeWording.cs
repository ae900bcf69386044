using System.Globalization;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>
/// What the intake says (simplified; ShopperScript turns it traditional for shoppers who write so), and the plain-text
/// summary that goes with the escalation. Never 不知道 / 不行 / 不可以: each prompt can be skipped.
/// </summary>
public static class IntakeWording
{
    public const string Skip = "跳过，直接转人工";

    public const string ChooseOrder = "马上为您转售后同事。先确认一下是哪个订单？点下面的订单，或者直接发订单号：";

    public const string TypeOrder = "马上为您转售后同事。麻烦发一下订单号（在“我的订单”里可以复制），同事就能直接查到；暂时找不到也没关系，点“跳过”即可。";

    public const string AskPhoto = "收到。方便的话拍一张问题部位的照片发给我（点输入框旁的上传按钮），售后同事一看就清楚，处理更快；不方便拍就点“跳过”。";

    /// <summary>A quick reply for one of the shopper's orders: starts with the id, so a typed id counts the same.</summary>
    public static string OrderButton(string orderId, string items) => $"{orderId} {items}";

    /// <summary>Tells the shopper what the person will already know, so nobody asks twice.</summary>
    public static string Told(IntakeSummary summary, bool stalled)
    {
        var lines = new List<string>
        {
            stalled ? "您可能在忙，我先把已有的信息转给售后同事，订单号或照片之后直接发在这里就行。客服接入时就能看到：" : "好的，这些信息客服接入时就能看到，不用再重复说明：",
        };
        if (summary.OrderId is not null)
            lines.Add("· 订单：" + summary.OrderId + (summary.Order is { Items.Count: > 0 } card ? "（" + string.Join("、", card.Items.Select(i => i.Name)) + "）" : ""));
        lines.Add("· 问题：" + Shorten(summary.Problem, 60));
        if (summary.Photos.Count > 0) lines.Add($"· 照片：{summary.Photos.Count} 张");
        return string.Join("\n", lines);
    }

    /// <summary>The intake as one plain-text note (the escalation's text, and a left message when nobody is on duty).</summary>
    public static string AgentText(IntakeSummary summary)
    {
        var lines = new List<string> { "【售后信息】" };
        if (summary.Order is { } o)
        {
            lines.Add($"订单号：{o.OrderId}{(summary.OrderVerified ? "" : "（顾客提供，未核对）")}，状态：{o.StatusText}");
            lines.Add($"商品：{string.Join("、", o.Items.Select(i => $"{i.Name} ×{i.Quantity}"))}，合计 {o.Total.ToString("0.##", CultureInfo.InvariantCulture)} {o.Currency}");
            if (o.Courier is not null || o.TrackingNumber is not null) lines.Add($"快递：{o.Courier} {o.TrackingNumber}".TrimEnd());
        }
        else
        {
            lines.Add("订单号：" + (summary.OrderId is null ? "顾客未提供" : summary.OrderId + "（顾客提供，未核对）"));
        }
        lines.Add("顾客原话：" + summary.Problem);
        lines.Add(summary.Photos.Count > 0 ? $"照片：{summary.Photos.Count} 张" : summary.PhotoRequested ? "照片：已请顾客拍照，暂未收到" : "照片：无");
        return string.Join("\n", lines);
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = text.Replace('\n', ' ');
        return oneLine.Length <= max ? oneLine : oneLine[..max] + "…";
    }
}

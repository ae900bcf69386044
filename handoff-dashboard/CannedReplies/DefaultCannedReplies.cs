using static ChatSupport.HandoffDashboard.CannedReplies.CannedReplyCategories;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// The team set seeded on first start: greeting, chasing shipment, logistics, after-sales, returns,
/// comfort, apology, a follow-up call script and a closing with the satisfaction question. Wording
/// follows the desk's rules: warm address, no 不行/不知道/不可以, always a next step.
/// </summary>
public static class DefaultCannedReplies
{
    public static IReadOnlyList<(string Category, CannedReplyKind Kind, string Shortcut, string Title, string Text)> All { get; } =
    [
        (Greeting, CannedReplyKind.Reply, "/hy", "欢迎问候", "{客户称呼}您好，欢迎光临{店铺名}，我是客服{客服工号}，很高兴为您服务，请问有什么可以帮您？"),
        (Greeting, CannedReplyKind.Phrase, "/zx", "稍等查询", "{客户称呼}请稍等，我马上为您查询，很快回复您~"),
        (Greeting, CannedReplyKind.Phrase, "/zl", "再次来访问候", "{客户称呼}您好，又见面啦，这次有什么可以帮您的吗？"),
        (ChaseShipping, CannedReplyKind.Reply, "/cfh", "催发货安抚", "{客户称呼}，非常理解您着急的心情！您的订单{订单号}我已经帮您备注加急，仓库会优先安排发货，发出后物流信息会第一时间同步给您。"),
        (ChaseShipping, CannedReplyKind.Reply, "/fhsj", "发货时间说明", "{客户称呼}，本店一般在付款后 48 小时内发货，节假日和大促期间可能稍有延迟，我们会尽快为您安排。"),
        (Logistics, CannedReplyKind.Reply, "/wl", "物流查询", "{客户称呼}，我帮您查了订单{订单号}的物流，包裹正在运输途中，请您留意快递员的电话；如果 3 天内没有更新，我再帮您联系快递公司跟进。"),
        (Logistics, CannedReplyKind.Reply, "/wlyc", "物流异常跟进", "{客户称呼}，包裹的物流信息暂时没有更新，给您添麻烦了。我已经联系快递公司核实，24 小时内给您回复处理结果，请放心。"),
        (AfterSales, CannedReplyKind.Reply, "/sh", "售后受理", "{客户称呼}，您反馈的问题我已经记录下来了，麻烦您拍一下商品和包装的照片发给我，我马上为您申请售后处理。"),
        (AfterSales, CannedReplyKind.Reply, "/hf", "回访话术", "{客户称呼}您好，我是{店铺名}的客服{客服工号}，之前您反馈的订单{订单号}的问题已经处理好了，想跟您确认一下现在使用是否正常？还有其他需要帮忙的地方吗？"),
        (ReturnsAndExchanges, CannedReplyKind.Reply, "/tk", "退款流程", "{客户称呼}，退款流程是这样的：在订单{订单号}页面点击“申请退款”，选择原因并提交；商品寄回后我们收到货 24 小时内为您退款，原路返回到您的付款账户。"),
        (ReturnsAndExchanges, CannedReplyKind.Reply, "/th", "退换货说明", "{客户称呼}，本店支持 7 天无理由退换货（商品不影响二次销售）。您在订单页面申请退换货后，我这边会第一时间为您审核。"),
        (ReturnsAndExchanges, CannedReplyKind.Reply, "/hh", "换货流程", "{客户称呼}，换货请在订单{订单号}页面申请“换货”，写明需要的尺码或颜色，把商品寄回后我们会马上为您寄出新的商品。"),
        (Comfort, CannedReplyKind.Phrase, "/lj", "理解安抚", "{客户称呼}，非常理解您的心情，换成是我也会着急的，您放心，这件事我一定帮您跟进到底。"),
        (Comfort, CannedReplyKind.Phrase, "/fx", "请您放心", "{客户称呼}请您放心，我会一直跟进，有任何进展第一时间告诉您。"),
        (Comfort, CannedReplyKind.Phrase, "/bz", "帮您想办法", "{客户称呼}，这个情况我来帮您想办法，请给我一点时间，我马上为您确认可以怎么处理。"),
        (Apology, CannedReplyKind.Reply, "/dbq", "诚恳致歉", "{客户称呼}，真的非常抱歉给您带来了不好的体验，这是我们的失误，我马上为您处理，一定给您一个满意的答复。"),
        (Apology, CannedReplyKind.Phrase, "/jdw", "久等致歉", "{客户称呼}，抱歉让您久等了，感谢您的耐心！"),
        (Closing, CannedReplyKind.Reply, "/js", "结束语与满意度", "{客户称呼}，感谢您的耐心，请问还有其他可以帮您的吗？如果对本次服务满意，麻烦您给个评价哦，祝您生活愉快！"),
        (Closing, CannedReplyKind.Phrase, "/zj", "再见", "感谢您对{店铺名}的支持，有任何问题随时找我们，祝您购物愉快，再见~"),
    ];
}

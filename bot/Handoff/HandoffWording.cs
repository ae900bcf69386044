namespace ChatSupport.Bot.Handoff;

/// <summary>What shoppers are told about people and queues, in one place.</summary>
public static class HandoffWording
{
    public const string Satisfied = "满意";
    public const string Neutral = "一般";
    public const string Dissatisfied = "不满意";
    public const string SkipComment = "跳过";

    public static string Queued(string reasonText, long position, int waitMinutes) =>
        $"{reasonText}已为您转接人工客服，{Place(position)}，预计等待约 {waitMinutes} 分钟。客服接入后会看到您和小禾的全部聊天记录，您不用重复描述～";

    /// <summary>"0 people ahead of you" reads like an error; the first in the queue is told they are next.</summary>
    private static string Place(long position) => position <= 1 ? "下一位就是您" : $"您前面还有 {position - 1} 位";

    public static string ReasonText(ChatSupport.HandoffContract.HandoffReason reason) => reason switch
    {
        ChatSupport.HandoffContract.HandoffReason.Complaint => "非常抱歉给您带来不好的体验，",
        ChatSupport.HandoffContract.HandoffReason.AfterSales => "售后问题需要客服为您核实处理，",
        _ => "好的，",
    };

    public static string QueueUpdate(long position, int waitMinutes) =>
        position <= 1 ? "马上就轮到您了，请稍候～" : $"排队更新：您前面还有 {position - 1} 位，预计等待约 {waitMinutes} 分钟。";

    public const string AlreadyQueued = "已收到，客服接入后会第一时间看到您的消息，请稍候～";
    public const string LeftQueue = "已为您取消排队。还有问题随时问小禾，或者再点“转人工客服”～";

    /// <summary>
    /// Outside the service hours the shopper is told when people are back; within them nobody is signed in (all busy or
    /// away), which must not read as "closed".
    /// </summary>
    public static string OfferLeaveMessage(string hours, bool withinServiceHours) => withinServiceHours
        ? "客服同事们暂时都在忙或刚好走开了，请您直接留言，写下您的问题和联系方式（手机号或旺旺名），客服回来后会尽快联系您，最晚 3 天内。"
        : $"现在是人工客服的休息时间（人工服务时间：{hours}）。您可以直接留言，写下您的问题和联系方式（手机号或旺旺名），客服上线后会在 3 天内联系您。";

    /// <summary>
    /// A second request for a person outside hours on the same day: the out-of-hours notice was already given, so only
    /// the way forward (leave a message) is offered again.
    /// </summary>
    public const string LeaveMessageAgain = "请直接留言，写下您的问题和联系方式（手机号或旺旺名），客服上线后会尽快联系您～";

    public const string AskForContact = "麻烦再留一个联系方式（手机号或旺旺名），方便客服联系您～";

    public static string CaseRecorded(int dueDays) => $"已为您登记留言，客服会在 {dueDays} 天内联系您。有其他问题也可以继续问小禾～";

    public static string AgentJoined(string? agentName) => $"客服{agentName ?? ""}已接入，正在查看您的问题，请稍候～";

    public static string Transferred(string? agentName) =>
        string.IsNullOrEmpty(agentName) ? "正在为您转接给更合适的客服同事，请稍候～" : $"正在为您转接给客服{agentName}，请稍候～";

    public static string Requeued(long? position) =>
        position is null ? "客服暂时离开，已为您重新排队，请稍候～" : $"客服暂时离开，已为您重新排队，{Place(position.Value)}，请稍候～";

    public const string Survey = "本次服务已结束，感谢您的耐心！请对本次服务做个评价：";
    public const string AskComment = "感谢您的评价！还有什么想对我们说的吗？直接输入即可，也可以点“跳过”。";
    public const string ThanksForComment = "收到，谢谢您的建议！还有问题随时问小禾～";
    public const string ThanksNoComment = "好的，谢谢您！还有问题随时问小禾～";
}

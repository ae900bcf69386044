using static ChatSupport.HandoffDashboard.PhraseCheck.PhraseSeverity;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <summary>
/// The seed list from the desk's rules: never 不行/不知道/不可以, and no contemptuous, impatient,
/// negating or quarrelsome words (禁绝四语). Traditional forms are listed where they differ.
/// </summary>
public static class DefaultForbiddenPhrases
{
    private const string Comfort = "安抚";
    private const string Apology = "致歉";

    public static IReadOnlyList<ForbiddenPhrase> All { get; } =
    [
        new("不知道", Forbidden, Comfort, "换成“我马上帮您确认一下”"),
        new("不行", Forbidden, Comfort, "说明能做什么，而不是不能做什么"),
        new("不可以", Forbidden, Comfort, "给出可行的替代方案"),
        new("不归我管", Forbidden, Comfort, "换成“我来帮您联系负责的同事”"),
        new("不歸我管", Forbidden, Comfort, "换成“我来帮您联系负责的同事”"),
        new("你自己看", Forbidden, Apology, "换成“我帮您查一下”"),
        new("你自己查", Forbidden, Apology, "换成“我帮您查一下”"),
        new("没办法", Forbidden, Comfort, "换成“我来帮您想办法”"),
        new("沒辦法", Forbidden, Comfort, "换成“我来帮您想办法”"),
        new("不清楚", Forbidden, Comfort, "换成“我马上帮您确认一下”"),
        new("不关我事", Forbidden, Apology, null),
        new("不關我事", Forbidden, Apology, null),
        new("爱买不买", Forbidden, Apology, null),
        new("愛買不買", Forbidden, Apology, null),
        new("随便你", Forbidden, Apology, null),
        new("隨便你", Forbidden, Apology, null),
        new("听不懂吗", Forbidden, Apology, null),
        new("聽不懂嗎", Forbidden, Apology, null),
        new("我已经说过了", Forbidden, Apology, "耐心再说明一次"),
        new("你到底想怎样", Forbidden, Apology, null),
        new("投诉也没用", Forbidden, Apology, null),
        new("跟我说没用", Forbidden, Comfort, null),
        new("别烦", Forbidden, Apology, null),
        new("不可能", Risky, Comfort, "说明原因和替代方案"),
        new("规定就是这样", Risky, Comfort, "解释原因，给出办法"),
        new("没有办法", Risky, Comfort, "换成“我来帮您想办法”"),
        new("你看不懂", Risky, Apology, null),
        new("早就告诉你", Risky, Apology, null),
    ];
}

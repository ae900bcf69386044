using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.StaleChats;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.HandoffDashboard.Tests.StaleChats;

/// <summary>The idle timers, on a controllable clock: when a chat is the agent's fault, the shopper's, or neither.</summary>
public sealed class IdleChatRuleTests
{
    private static readonly StaleChatOptions Options = new() { AgentSilentAfter = TimeSpan.FromMinutes(3), ShopperSilentAfter = TimeSpan.FromMinutes(10) };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly List<TranscriptEntry> _lines = [];

    private void Says(string sender, string text) =>
        _lines.Add(new TranscriptEntry($"c|{_lines.Count:0000000}", _clock.GetUtcNow(), sender, null, text));

    private IdleVerdict Verdict(DateTimeOffset acceptedAt) => IdleChatRule.Decide(_lines, acceptedAt, _clock.GetUtcNow(), Options);

    [Fact]
    public void TheShopperWaitingForAnAnswerMakesTheAgentSilentOnlyAfterTheConfiguredTime()
    {
        var accepted = _clock.GetUtcNow();
        Says(TranscriptSenders.Agent, "您好，请问有什么可以帮您");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Says(TranscriptSenders.Customer, "我的快递到哪了");
        _clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(59));
        Assert.Equal(IdleVerdict.Active, Verdict(accepted));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdleVerdict.AgentSilent, Verdict(accepted));
    }

    [Fact]
    public void TheAgentsClockStartsAtTheAcceptNotAtTheShoppersEarlierMessage()
    {
        Says(TranscriptSenders.Customer, "转人工");
        Says(TranscriptSenders.Bot, "正在为您转接人工客服");
        _clock.Advance(TimeSpan.FromMinutes(20));
        var accepted = _clock.GetUtcNow();
        Assert.Equal(IdleVerdict.Active, Verdict(accepted));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(IdleVerdict.AgentSilent, Verdict(accepted));
    }

    [Fact]
    public void AnAgentLineFromAPreviousHolderDoesNotCountAsTheNewAgentsAnswer()
    {
        Says(TranscriptSenders.Agent, "我帮您转给同事");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var accepted = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(IdleVerdict.AgentSilent, Verdict(accepted));
    }

    [Fact]
    public void TheShopperSilentAfterTheAgentsAnswerIsResolvedOnlyAfterTheConfiguredTime()
    {
        var accepted = _clock.GetUtcNow();
        Says(TranscriptSenders.Customer, "退款到账了吗");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Says(TranscriptSenders.Agent, "已经原路退回，请留意银行通知");
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(IdleVerdict.Active, Verdict(accepted));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(IdleVerdict.ShopperSilent, Verdict(accepted));

        // The shopper comes back: the clock is the agent's again.
        Says(TranscriptSenders.Customer, "好的谢谢");
        Assert.Equal(IdleVerdict.Active, Verdict(accepted));
    }

    [Fact]
    public void BotAndSystemLinesAreNobodysAnswer()
    {
        var accepted = _clock.GetUtcNow();
        Says(TranscriptSenders.Customer, "在吗");
        _clock.Advance(TimeSpan.FromMinutes(2));
        Says(TranscriptSenders.System, "客服已接入");
        Says(TranscriptSenders.Bot, "请稍候");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(IdleVerdict.AgentSilent, Verdict(accepted));
    }
}

using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

public sealed class HandoffFlowTests() : BotWithDashboardRole([.. BotHost.HandoffAtOnce, "--Handoff:QueueUpdateSeconds=1"])
{

    [Fact]
    public async Task AnAfterSalesRequestIsQueuedWithTheWholeTranscriptThenTheAgentChatsClosesAndTheShopperRates()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("欢迎"));
        await shopper.PostMessageAsync("几天能到");
        await shopper.NextAsync(DirectLineTestClient.BotSays("送达"));

        await shopper.PostMessageAsync("我要退货");
        var queued = await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        // First in line: told they are next, not that "0 people" are ahead of them.
        Assert.Contains("下一位就是您", queued["text"]!.GetValue<string>());
        Assert.DoesNotContain("前面还有 0 位", queued["text"]!.GetValue<string>());
        var conversationId = shopper.ConversationId;
        Assert.Equal("WaitingForAgent", await Dashboard.StatusAsync(conversationId));
        Assert.Equal([conversationId], await Dashboard.QueueAsync());
        var escalation = (await Dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Equal("after-sales", escalation.Reason);

        // The agent sees everything so far, the bot's part included: nobody repeats themselves.
        var transcript = await Dashboard.TranscriptAsync(conversationId);
        Assert.Equal(["bot", "customer", "bot", "customer", "bot"], transcript.Select(t => t.Sender));
        Assert.Equal("我要退货", transcript[3].Text);

        await Dashboard.AcceptAsync(conversationId, "wang", "小王");
        await shopper.NextAsync(DirectLineTestClient.BotSays("客服小王已接入"));
        await Dashboard.ReplyAsync(conversationId, "wang", "小王", "您好，请提供一下订单号～");
        var agentMessage = await shopper.NextAsync(a => a["from"]?["name"]?.GetValue<string>() == "小王" && a["type"]!.GetValue<string>() == "message");
        Assert.Equal("您好，请提供一下订单号～", agentMessage["text"]!.GetValue<string>());

        // While the agent is in charge the bot does not answer, even an FAQ question: it goes to the agent.
        var forwardedId = await shopper.PostMessageAsync("几天能到");
        await Eventually.TrueAsync(async () => (await Dashboard.EventsFromBotAsync()).Any(e => e.Kind == HandoffEventKinds.CustomerReplied && e.ActivityId == forwardedId),
            TimeSpan.FromSeconds(5));

        await Dashboard.CloseAsync(conversationId, "wang");
        var survey = await shopper.NextAsync(DirectLineTestClient.BotSays("评价"));
        Assert.Equal(["满意", "一般", "不满意"], survey["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        await shopper.PostMessageAsync("满意");
        await shopper.NextAsync(DirectLineTestClient.BotSays("还有什么想对我们说的"));
        await shopper.PostMessageAsync("小王很耐心");
        await shopper.NextAsync(DirectLineTestClient.BotSays("谢谢您的建议"));
        var answers = (await Dashboard.EventsFromBotAsync()).Where(e => e.Kind == HandoffEventKinds.SurveyAnswered).ToList();
        Assert.Equal("满意", answers[0].Text);
        Assert.Equal("小王很耐心", answers[1].Note);

        // The bot is back in charge.
        Assert.Equal("WithBot", await Dashboard.StatusAsync(conversationId));
        await shopper.PostMessageAsync("几天能到");
        await shopper.NextAsync(DirectLineTestClient.BotSays("送达"));

        var fullTranscript = await Dashboard.TranscriptAsync(conversationId);
        Assert.Contains(fullTranscript, t => t.Sender == "agent" && t.SenderName == "小王" && t.Text == "您好，请提供一下订单号～");
    }

    [Fact]
    public async Task ComplaintsGoAheadOfEarlierAfterSalesRequestsAndWaitingShoppersHearTheirNewPlace()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var first = new DirectLineTestClient(BotApp.BaseAddress);
        await using var second = new DirectLineTestClient(BotApp.BaseAddress);
        await first.StartAsync(BotHost.Secret);
        await second.StartAsync(BotHost.Secret);
        await first.ConnectStreamAsync();
        await second.ConnectStreamAsync();

        await first.PostMessageAsync("我要退货");
        await first.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        await second.PostMessageAsync("我要投诉你们");
        await second.NextAsync(DirectLineTestClient.BotSays("非常抱歉"));
        Assert.Equal([second.ConversationId, first.ConversationId], await Dashboard.QueueAsync());

        // The relay lets the shopper know when the line moves.
        await Task.Delay(1500); // let the relay note the positions it has told
        await Dashboard.AcceptAsync(second.ConversationId, "wang", "小王");
        await first.NextAsync(DirectLineTestClient.BotSays("马上就轮到您了"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WithNobodyOnDutyTheShopperCanLeaveAMessageThatBecomesACase()
    {
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();

        await shopper.PostMessageAsync("转人工");
        // Within the service hours with nobody signed in: everyone is busy or away, which must not read as "closed".
        var offer = await shopper.NextAsync(DirectLineTestClient.BotSays("留言"));
        Assert.Contains("在忙", offer["text"]!.GetValue<string>());
        Assert.DoesNotContain("不在线", offer["text"]!.GetValue<string>());
        await shopper.PostMessageAsync("水壶底座不通电");
        await shopper.NextAsync(DirectLineTestClient.BotSays("联系方式"));
        await shopper.PostMessageAsync("电话 13812345678");
        await shopper.NextAsync(DirectLineTestClient.BotSays("3 天内"));

        var leftCase = (await Dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.CaseLeft);
        Assert.Equal("13812345678", leftCase.Note);
        Assert.Contains("水壶底座不通电", leftCase.Text);
        Assert.Empty(await Dashboard.QueueAsync());
    }

    [Fact]
    public async Task AShopperWhoLeavesTheQueueIsTakenOutAndTheDashboardIsTold()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("转人工");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        await shopper.PostMessageAsync("结束排队");
        await shopper.NextAsync(DirectLineTestClient.BotSays("已为您取消排队"));
        Assert.Empty(await Dashboard.QueueAsync());
        Assert.Contains(await Dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.CustomerLeft);
        // Closed, as the dashboard's leave-queue script sets it (the contract's StatusScripts.LeaveQueue); the bot answers a Closed chat itself.
        Assert.Equal("Closed", await Dashboard.StatusAsync(shopper.ConversationId));
    }
}

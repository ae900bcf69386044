using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>A shopper who writes traditional is answered in traditional, buttons included; agents' words go out as written.</summary>
public sealed class ShopperScriptTests() : BotWithDashboardRole(BotHost.HandoffAtOnce)
{

    [Fact]
    public void RepliesAreWrittenInTraditionalCharactersWithoutChangingTheWords()
    {
        Assert.Equal("發貨後幾天能到？頭髮", SimplifiedToTraditional.Shared.Convert("发货后几天能到？头发"));
        Assert.Equal("**浙江杭州倉**發出", SimplifiedToTraditional.Shared.Convert("**浙江杭州仓**发出"));
        Assert.Equal(0, SimplifiedToTraditional.Shared.CountSimplifiedOnly("幾天能到"));
        Assert.True(SimplifiedToTraditional.Shared.CountSimplifiedOnly("几天能到") > 0);
        Assert.True(TraditionalToSimplified.Shared.CountTraditionalOnly("幾天能到") > 0);
        Assert.Equal(0, TraditionalToSimplified.Shared.CountTraditionalOnly("几天能到"));
    }

    [Fact]
    public async Task AShopperWritingTraditionalGetsTraditionalAnswersButtonsAndSurveyAndTheRatingIsRecordedAsUsual()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("欢迎")); // nothing written yet: simplified by default

        await shopper.PostMessageAsync("請問發貨後幾天能到");
        var answer = await shopper.NextAsync(DirectLineTestClient.BotSays("送達"));
        Assert.Equal(0, SimplifiedToTraditional.Shared.CountSimplifiedOnly(answer["text"]!.GetValue<string>()));

        // "ok" tells nothing about the script: the choice stays.
        await shopper.PostMessageAsync("我要退貨");
        var queued = await shopper.NextAsync(DirectLineTestClient.BotSays("轉接人工客服"));
        var leave = queued["suggestedActions"]!["actions"]!.AsArray().Single()!;
        Assert.Equal("結束排隊", leave["title"]!.GetValue<string>());

        await Dashboard.AcceptAsync(shopper.ConversationId, "wang", "小王");
        await shopper.NextAsync(DirectLineTestClient.BotSays("已接入"));
        // The agent's own words are not rewritten.
        await Dashboard.ReplyAsync(shopper.ConversationId, "wang", "小王", "您好，请发一下订单号");
        var agentMessage = await shopper.NextAsync(a => a["from"]?["name"]?.GetValue<string>() == "小王" && a["type"]!.GetValue<string>() == "message");
        Assert.Equal("您好，请发一下订单号", agentMessage["text"]!.GetValue<string>());

        await Dashboard.CloseAsync(shopper.ConversationId, "wang");
        var survey = await shopper.NextAsync(DirectLineTestClient.BotSays("評價"));
        Assert.Equal(["滿意", "一般", "不滿意"], survey["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        await shopper.PostMessageAsync("滿意");
        await shopper.NextAsync(DirectLineTestClient.BotSays("還有什麼想對我們說的"));
        await shopper.PostMessageAsync("跳過");
        await shopper.NextAsync(DirectLineTestClient.BotSays("謝謝您"));
        var answers = (await Dashboard.EventsFromBotAsync()).Where(e => e.Kind == HandoffEventKinds.SurveyAnswered).ToList();
        Assert.Equal("满意", Assert.Single(answers).Text); // reports count the canonical rating; the skip left no comment
    }

    [Fact]
    public async Task AShopperWhoSwitchesToSimplifiedIsAnsweredInSimplifiedAgain()
    {
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("幾天能到");
        await shopper.NextAsync(DirectLineTestClient.BotSays("送達"));
        await shopper.PostMessageAsync("几天能到呀");
        await shopper.NextAsync(DirectLineTestClient.BotSays("送达"));
    }
}

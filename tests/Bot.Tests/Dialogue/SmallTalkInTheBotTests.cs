using ChatSupport.Bot.Dialogue;
using ChatSupport.Bot.Routing.Intent;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Dialogue;

/// <summary>The live bot with the real router over Direct Line: one-word replies are answered in kind, in context.</summary>
public sealed class SmallTalkInTheBotTests
{
    [Fact]
    public async Task AcknowledgementsAfterAFallbackAreAnsweredInKindAndDoNotHandTheChatOver()
    {
        using var kb = new KnowledgeFolder();
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, scriptedRouter: false, $"--Knowledge:Path={kb.Path}");
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting

        await client.PostMessageAsync("你们老家是哪里的");
        var fallback = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal(ReplyWording.Fallback, fallback["text"]!.GetValue<string>());

        // Two fallbacks in a row hand over; 好的 and 谢谢 after one are not fallbacks.
        await client.PostMessageAsync("好的");
        var ok = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal(ShopperSmallTalk.ReplyTo(SmallTalkKind.Acknowledgement, "fallback"), ok["text"]!.GetValue<string>());
        await client.PostMessageAsync("谢谢");
        var thanks = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal(ShopperSmallTalk.ReplyTo(SmallTalkKind.Thanks, "fallback"), thanks["text"]!.GetValue<string>());

        // A real question still routes as usual, and two questions in one message get both answers.
        await client.PostMessageAsync("你们发什么快递 下单后几天能收到");
        var first = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        var second = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        var both = new[] { first["text"]!.GetValue<string>().Trim(), second["text"]!.GetValue<string>().Trim() };
        Assert.Contains("默认发中通，顺丰需补差价 8 元。", both);
        Assert.Contains("江浙沪 1–2 天，其他地区 3–5 天。", both);
    }
}

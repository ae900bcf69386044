using System.Text.Json;
using ChatSupport.Bot.Eval;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Eval;

/// <summary>The live bot (its router, and its Direct Line turn path through SupportBot) and `eval` decide alike.</summary>
public sealed class LiveBotMatchesEvalTests
{
    private static readonly string[] Messages =
    [
        "发啥快递呀", "請問寄什麼快遞", "咨询订单号：2301928374651 商品ID：6712\n茶壶盖子合不上", "转人攻", "我要投诉 态度太差",
        "售后几点上班", "你好", "今天股市怎么样", "[来自手机淘宝] 发票怎么开", "茶壶", "可以发顺丰吗 算了 叫个真人来",
    ];

    [Fact]
    public async Task TheLiveBotAndEvalGiveTheSameDecisionOnTheSameMessages()
    {
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        var output = Path.Combine(kb.Path, "_out", "r.jsonl");
        File.WriteAllLines(input, Messages.Select((m, i) => JsonSerializer.Serialize(new { id = $"m{i}", text = m })));
        var stderr = new StringWriter();
        Assert.True(await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", output], new StringWriter(), stderr) == 0, stderr.ToString());
        var eval = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Messages.Length, eval.Count);
        Assert.Contains(eval, e => e.GetProperty("route").GetString() == "handoff");
        Assert.Contains(eval, e => e.GetProperty("route").GetString() == "answer");
        Assert.Contains(eval, e => e.GetProperty("route").GetString() == "fallback");

        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, scriptedRouter: false, $"--Knowledge:Path={kb.Path}");
        var router = bot.Service<IMessageRouter>();
        var answers = new List<string>();
        for (var i = 0; i < Messages.Length; i++)
        {
            var live = router.Preview(Messages[i], RoutingContext.FirstMessage);
            var expected = eval[i];
            Assert.Equal(expected.GetProperty("route").GetString(), live.Route.ToString().ToLowerInvariant());
            if (live.Route == Route.Answer)
            {
                Assert.Equal(expected.GetProperty("faqId").GetString(), live.FaqId);
                answers.Add(live.AnswerMarkdown!.Trim());
            }
            if (live.Route == Route.Handoff) Assert.Equal(expected.GetProperty("reason").GetString(), live.Reason!.Value.ToWireName());
        }

        // Through Direct Line and SupportBot's turn: an answer is the FAQ's text, anything else is not an FAQ's text.
        for (var i = 0; i < Messages.Length; i++)
        {
            await using var client = new DirectLineTestClient(bot.BaseAddress);
            await client.StartAsync(BotHost.Secret);
            await client.ConnectStreamAsync();
            await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting
            await client.PostMessageAsync(Messages[i]);
            var reply = (await client.NextAsync(DirectLineTestClient.IsBotMessage))["text"]!.GetValue<string>();
            var route = eval[i].GetProperty("route").GetString();
            // A shopper writing traditional reads the same FAQ text in traditional characters (ShopperScript).
            bool IsAnswer(string a) => reply.Contains(a, StringComparison.Ordinal)
                || reply.Contains(ChatSupport.Bot.Knowledge.Normalization.SimplifiedToTraditional.Shared.Convert(a), StringComparison.Ordinal);
            if (route == "answer") Assert.Contains(answers, IsAnswer);
            else Assert.DoesNotContain(answers, IsAnswer);
        }
    }
}

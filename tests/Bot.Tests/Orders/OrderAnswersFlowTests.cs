using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Orders;

/// <summary>
/// A demo shopper signs in on the store page and asks about their parcel, end to end over Direct Line with real Redis and
/// Kestrel and the built-in demo connector; and the same with the connector down.
/// </summary>
public sealed class OrderAnswersFlowTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _mux = null!;
    private DashboardRole _dashboard = null!;
    private readonly List<RunningApp> _bots = [];

    public Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _mux = _redis.Connect();
        _dashboard = new DashboardRole(_mux);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots) await bot.DisposeAsync();
        _mux.Dispose();
        _redis.Dispose();
    }

    private async Task<RunningApp> StartBotAsync(params string[] settings)
    {
        var bot = await BotHost.StartAsync(_redis, settings: BotHost.AlwaysOpen.Concat(settings).ToArray());
        _bots.Add(bot);
        return bot;
    }


    /// <summary>The store page's flow: the demo store signs the picked shopper server-side, the page asks for a chat token with it.</summary>
    private static async Task<DirectLineTestClient> SignInAsync(RunningApp bot, string? demoShopper)
    {
        using var http = bot.CreateClient();
        HttpResponseMessage tokenResponse;
        if (demoShopper is null)
        {
            tokenResponse = await http.PostAsync("/api/store/chat-token", null);
        }
        else
        {
            var signed = await http.PostAsync($"/api/store/demo-shoppers/{demoShopper}/sign", null);
            signed.EnsureSuccessStatusCode();
            tokenResponse = await http.PostAsync("/api/store/chat-token", new StringContent(await signed.Content.ReadAsStringAsync(), System.Text.Encoding.UTF8, "application/json"));
        }
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartWithTokenAsync(token);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.BotSays("欢迎"));
        return client;
    }

    [Fact]
    public async Task ASignedInShopperAskingWhereTheirParcelIsGetsItsCourierTrackingNumberAndLatestEvent()
    {
        var bot = await StartBotAsync();
        using var http = bot.CreateClient();
        var shoppers = (await http.GetFromJsonAsync<JsonArray>("/api/store/demo-shoppers"))!;
        Assert.Contains(shoppers, s => s!["id"]!.GetValue<string>() == "demo-lilei" && s["name"]!.GetValue<string>() == "李雷");

        await using var shopper = await SignInAsync(bot, "demo-lilei");
        await shopper.PostMessageAsync("我的快递到哪了");
        var answer = (await shopper.NextAsync(DirectLineTestClient.BotSays("DM20261001")))["text"]!.GetValue<string>();
        Assert.Contains("运输中", answer);
        Assert.Contains("顺丰速运", answer);
        Assert.Contains("SF1400123456789", answer);
        Assert.Contains("快件已到达北京朝阳区营业点，正在安排派送", answer);
        Assert.DoesNotContain("电热水壶", answer); // the delivered order is not the one on its way

        // Traditional script works too, and the answer comes back in traditional.
        await shopper.PostMessageAsync("發貨了嗎");
        var traditional = (await shopper.NextAsync(DirectLineTestClient.BotSays("DM20261001")))["text"]!.GetValue<string>();
        Assert.Contains("運輸中", traditional);
    }

    [Fact]
    public async Task AParcelWithNoUpdateForFourDaysGoesToAPersonAsAfterSalesWithTheOrderSummary()
    {
        var bot = await StartBotAsync();
        await _dashboard.AgentOnlineAsync("wang");
        await using var shopper = await SignInAsync(bot, "demo-hanmeimei");
        await shopper.PostMessageAsync("物流怎么不动了");
        var told = (await shopper.NextAsync(DirectLineTestClient.BotSays("没有物流更新")))["text"]!.GetValue<string>();
        Assert.Contains("DM20261003", told);
        Assert.Contains("不用再重复说明", told);
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        var escalation = (await _dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Equal("after-sales", escalation.Reason);
        Assert.Equal("shopper-demo-hanmeimei", escalation.CustomerId);
        Assert.Equal("韩梅梅", escalation.CustomerName);
        Assert.Contains("超过 72 小时没有物流更新", escalation.Text);
        Assert.Contains("DM20261003", escalation.Text);
        Assert.Contains("陶瓷餐具套装 ×1", escalation.Text);
        Assert.Contains("韵达快递 YD4300055566677", escalation.Text);
        Assert.Contains("快件已到达武汉转运中心", escalation.Text);
        Assert.Contains("顾客原话：物流怎么不动了", escalation.Text);
        Assert.Equal("WaitingForAgent", await _dashboard.StatusAsync(shopper.ConversationId));

        // The agent's chat gets the same pinned summary as an intake's: the order card, the shopper's words and what the bot found.
        var summary = await SummaryAsync(shopper.ConversationId);
        Assert.Equal("after-sales", summary.Reason);
        Assert.Equal(IntakeOutcomes.ParcelTrouble, summary.Outcome);
        Assert.Equal("DM20261003", summary.OrderId);
        Assert.True(summary.OrderVerified);
        Assert.Equal("物流怎么不动了", summary.Problem);
        Assert.Equal("超过 72 小时没有物流更新", summary.Finding);
        var card = summary.Order!;
        Assert.Equal("DM20261003", card.OrderId);
        Assert.Equal("陶瓷餐具套装", Assert.Single(card.Items).Name);
        Assert.Equal("韵达快递", card.Courier);
        Assert.Equal("YD4300055566677", card.TrackingNumber);
        Assert.Contains("快件已到达武汉转运中心", card.LatestEvent!.Description);
        Assert.Empty(summary.Photos);
    }

    private async Task<IntakeSummary> SummaryAsync(string conversationId)
    {
        var json = await _mux.GetDatabase().StringGetAsync(ChatSupport.HandoffContract.Keys.IntakeKeys.Summary(conversationId));
        Assert.False(json.IsNullOrEmpty, "the handoff saved a summary for the agent");
        return IntakeSummary.FromJson(json.ToString());
    }

    [Fact]
    public async Task TheStuckLimitIsConfigurable()
    {
        // Four days without an update is within a 200-hour limit: the shopper gets the status, nobody is called.
        var bot = await StartBotAsync("--Store:StuckAfterHours=200");
        await _dashboard.AgentOnlineAsync("wang");
        await using var shopper = await SignInAsync(bot, "demo-hanmeimei");
        await shopper.PostMessageAsync("物流怎么不动了");
        var answer = (await shopper.NextAsync(DirectLineTestClient.BotSays("DM20261003")))["text"]!.GetValue<string>();
        Assert.Contains("快件已到达武汉转运中心", answer);
        Assert.DoesNotContain(await _dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.EscalationRequested);
    }

    [Fact]
    public async Task SeveralOpenOrdersAreOfferedAsQuickRepliesAndAReturnedOneGoesToAPerson()
    {
        var bot = await StartBotAsync();
        await _dashboard.AgentOnlineAsync("wang");
        await using var shopper = await SignInAsync(bot, "demo-wangfang");
        await shopper.PostMessageAsync("发货了吗");
        var choose = await shopper.NextAsync(DirectLineTestClient.BotSays("想查哪一个"));
        var buttons = choose["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["查询订单 DM20261005", "查询订单 DM20261002", "查询订单 DM20260928"], buttons);

        await shopper.PostMessageAsync("查询订单 DM20261005");
        var answer = (await shopper.NextAsync(DirectLineTestClient.BotSays("DM20261005")))["text"]!.GetValue<string>();
        Assert.Contains("中通快递", answer);
        Assert.Contains("ZT7300098765432", answer);

        // Another shopper's order number is not looked at: it goes to the normal routing.
        await shopper.PostMessageAsync("查询订单 DM20261001");
        await shopper.NextAsync(a => a["type"]!.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot");
        Assert.DoesNotContain(await _dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.EscalationRequested);

        await shopper.PostMessageAsync("我的包裹到哪了");
        await shopper.NextAsync(DirectLineTestClient.BotSays("想查哪一个"));
        await shopper.PostMessageAsync("DM20260928");
        await shopper.NextAsync(DirectLineTestClient.BotSays("已退回"));
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        var escalation = (await _dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Contains("包裹已退回", escalation.Text);
        Assert.Contains("收件人地址不详", escalation.Text);
        var summary = await SummaryAsync(shopper.ConversationId);
        Assert.Equal("DM20260928", summary.OrderId);
        Assert.Equal("returned", summary.Order!.Status);
        Assert.Contains("包裹已退回", summary.Finding);
    }

    [Fact]
    public async Task AnAnonymousShopperGetsTheGeneralAnswerWithAHintToSignIn()
    {
        var bot = await StartBotAsync();
        await using var shopper = await SignInAsync(bot, null);
        await shopper.PostMessageAsync("我的快递几天能到");
        await shopper.NextAsync(DirectLineTestClient.BotSays("送达"));
        await shopper.NextAsync(DirectLineTestClient.BotSays("登录后再来问我"));
    }

    [Fact]
    public async Task WithTheConnectorDownTheShopperIsToldPolitelyAndGetsTheNormalAnswer()
    {
        var bot = await StartBotAsync($"--Store:ConnectorBaseUrl=http://127.0.0.1:{FreePort.Next()}/", "--Store:ConnectorKey=some-key");
        await using var shopper = await SignInAsync(bot, "demo-lilei");
        await shopper.PostMessageAsync("我的快递几天能到");
        var sorry = (await shopper.NextAsync(DirectLineTestClient.BotSays("订单系统暂时有点忙")))["text"]!.GetValue<string>();
        foreach (var refusal in new[] { "不知道", "不行", "不可以" }) Assert.DoesNotContain(refusal, sorry);
        await shopper.NextAsync(DirectLineTestClient.BotSays("送达"));
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Dialogue;

/// <summary>
/// The after-sales intake end to end over Direct Line with real Redis and Kestrel (scripted router: "退货" is after-sales,
/// "投诉" a complaint), the demo store connector, and a FakeTimeProvider for the stall timeout.
/// </summary>
public sealed class AfterSalesIntakeFlowTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _mux = null!;
    private DashboardRole _dashboard = null!;
    private readonly List<RunningApp> _bots = [];

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _mux = _redis.Connect();
        _dashboard = new DashboardRole(_mux);
        await _dashboard.AgentOnlineAsync("agent-1");
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots) await bot.DisposeAsync();
        _mux.Dispose();
        _redis.Dispose();
    }

    private async Task<RunningApp> StartBotAsync(TimeProvider? clock = null, params string[] settings)
    {
        var bot = await BotHost.StartAsync(_redis, clock, scriptedRouter: true, settings: BotHost.AlwaysOpen.Concat(settings).ToArray());
        _bots.Add(bot);
        return bot;
    }

    private static async Task<DirectLineTestClient> ShopperAsync(RunningApp bot, string? demoShopper = null)
    {
        var client = new DirectLineTestClient(bot.BaseAddress);
        if (demoShopper is null)
        {
            await client.StartAsync(BotHost.Secret);
        }
        else
        {
            using var http = bot.CreateClient();
            var signed = await http.PostAsync($"/api/store/demo-shoppers/{demoShopper}/sign", null);
            signed.EnsureSuccessStatusCode();
            var token = await http.PostAsync("/api/store/chat-token", new StringContent(await signed.Content.ReadAsStringAsync(), System.Text.Encoding.UTF8, "application/json"));
            token.EnsureSuccessStatusCode();
            await client.StartWithTokenAsync((await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        }
        await client.ConnectStreamAsync();
        return client;
    }

    /// <summary>A message with photos, as Web Chat posts it after an upload (the activity's attachments).</summary>
    private static async Task PostPhotoAsync(DirectLineTestClient shopper, string text, params string[] urls)
    {
        var response = await shopper.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/activities", shopper.Token, new
        {
            type = "message", text, locale = "zh-CN", from = new { id = "x", role = "user" },
            attachments = urls.Select((u, i) => new { contentType = "image/jpeg", contentUrl = u, name = $"photo-{i}.jpg" }).ToArray(),
            channelData = new { clientActivityID = Guid.NewGuid().ToString("N") },
        });
        response.EnsureSuccessStatusCode();
    }

    private async Task<IntakeSummary?> SummaryAsync(string conversationId)
    {
        var json = await _mux.GetDatabase().StringGetAsync(IntakeKeys.Summary(conversationId));
        return json.IsNullOrEmpty ? null : IntakeSummary.FromJson(json.ToString());
    }

    private static string[] Buttons(JsonObject activity) =>
        activity["suggestedActions"]?["actions"]?.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public async Task AnAnonymousShopperTypesTheOrderNumberSendsAPhotoAndIsHandedOverWithTheSummary()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("水壶收到就漏水，我要退货");
        var askOrder = await shopper.NextAsync(DirectLineTestClient.BotSays("订单号"));
        Assert.Contains("跳过，直接转人工", Buttons(askOrder));
        Assert.Null(await _dashboard.StatusAsync(shopper.ConversationId)); // not handed over yet

        await shopper.PostMessageAsync("2026112200123456");
        await shopper.NextAsync(DirectLineTestClient.BotSays("照片"));
        await PostPhotoAsync(shopper, "", "https://bot.example/v3/files/leak-1.jpg?sig=a", "https://bot.example/v3/files/leak-2.jpg?sig=b");

        var told = (await shopper.NextAsync(DirectLineTestClient.BotSays("客服接入时就能看到")))["text"]!.GetValue<string>();
        Assert.Contains("2026112200123456", told);
        Assert.Contains("水壶收到就漏水", told);
        Assert.Contains("照片：2 张", told);
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        Assert.Equal(nameof(ConversationStatus.WaitingForAgent), await _dashboard.StatusAsync(shopper.ConversationId));
        var summary = await SummaryAsync(shopper.ConversationId);
        Assert.NotNull(summary);
        Assert.Equal("after-sales", summary.Reason);
        Assert.Equal("2026112200123456", summary.OrderId);
        Assert.False(summary.OrderVerified);
        Assert.Equal("水壶收到就漏水，我要退货", summary.Problem);
        Assert.Equal(["https://bot.example/v3/files/leak-1.jpg?sig=a", "https://bot.example/v3/files/leak-2.jpg?sig=b"], summary.Photos.Select(p => p.ContentUrl));
        Assert.True(summary.PhotoRequested);
        Assert.Equal(IntakeOutcomes.Complete, summary.Outcome);
        var escalation = (await _dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Contains("【售后信息】", escalation.Text);
    }

    [Fact]
    public async Task ASignedInShopperPicksTheirOrderFromQuickRepliesSkipsThePhotoAndTheAgentGetsTheOrderCard()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot, "demo-lilei");
        await shopper.PostMessageAsync("水壶收到就漏水，我要退货");
        var choose = await shopper.NextAsync(DirectLineTestClient.BotSays("哪个订单"));
        var buttons = Buttons(choose);
        // Only their own orders, the one whose item the message names first (水壶 → 电热水壶), and a way to skip.
        Assert.StartsWith("DM20260918", buttons[0]);
        Assert.Contains(buttons, b => b.StartsWith("DM20261001"));
        Assert.DoesNotContain(buttons, b => b.StartsWith("DM20261005"));
        Assert.Equal("跳过，直接转人工", buttons[^1]);

        await shopper.PostMessageAsync(buttons[0]);
        await shopper.NextAsync(DirectLineTestClient.BotSays("照片"));
        await shopper.PostMessageAsync("跳过，直接转人工");
        var told = (await shopper.NextAsync(DirectLineTestClient.BotSays("客服接入时就能看到")))["text"]!.GetValue<string>();
        Assert.Contains("DM20260918（电热水壶 1.7L）", told);
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        var summary = (await SummaryAsync(shopper.ConversationId))!;
        Assert.Equal("DM20260918", summary.OrderId);
        Assert.True(summary.OrderVerified);
        Assert.Equal("delivered", summary.Order!.Status);
        Assert.Equal("电热水壶 1.7L", summary.Order.Items.Single().Name);
        Assert.Equal("水壶收到就漏水，我要退货", summary.Problem);
        Assert.Empty(summary.Photos);
        Assert.Equal(IntakeOutcomes.Skipped, summary.Outcome);
    }

    [Fact]
    public async Task AShopperWhoStallsAfterThePromptIsHandedOverWhenTheTimeoutPasses()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var bot = await StartBotAsync(clock, "--Intake:StallTimeoutSeconds=60");
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("我要退货");
        await shopper.NextAsync(DirectLineTestClient.BotSays("订单号"));

        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Null(await _dashboard.StatusAsync(shopper.ConversationId)); // still within the timeout

        // The worker checks every (fake) second; move past the deadline in steps so its delays come due.
        for (var i = 0; i < 35 && await _dashboard.StatusAsync(shopper.ConversationId) is null; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        var told = (await shopper.NextAsync(DirectLineTestClient.BotSays("您可能在忙"), TimeSpan.FromSeconds(10)))["text"]!.GetValue<string>();
        Assert.Contains("我要退货", told);
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        Assert.Equal(nameof(ConversationStatus.WaitingForAgent), await _dashboard.StatusAsync(shopper.ConversationId));
        Assert.Equal(IntakeOutcomes.Stalled, (await SummaryAsync(shopper.ConversationId))!.Outcome);

        // A reply after the handoff goes to the agent, not to the intake.
        await shopper.PostMessageAsync("DM20261001");
        await shopper.NextAsync(DirectLineTestClient.BotSays("已收到"));
    }

    [Fact]
    public async Task AComplaintSkipsTheIntakeAndIsHandedOverAtOnce()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("我要投诉");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        Assert.Equal("complaint", (await _dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested).Reason);
        Assert.Null(await SummaryAsync(shopper.ConversationId));
    }

    [Fact]
    public async Task AskingForAPersonDuringTheIntakeHandsOverAtOnceAsAfterSalesWithWhatWasGathered()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("杯子碎了，我要退货");
        await shopper.NextAsync(DirectLineTestClient.BotSays("订单号"));
        await shopper.PostMessageAsync("人工");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        // Still the after-sales case it is (after-sales waits ahead of plain requests for a person), with what was said.
        var summary = (await SummaryAsync(shopper.ConversationId))!;
        Assert.Equal(IntakeOutcomes.Skipped, summary.Outcome);
        Assert.Equal("after-sales", summary.Reason);
        Assert.Equal("杯子碎了，我要退货", summary.Problem);
    }

    [Fact]
    public async Task AComplaintDuringTheIntakeHandsOverAtOnceAsAComplaint()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("杯子碎了，我要退货");
        await shopper.NextAsync(DirectLineTestClient.BotSays("订单号"));
        await shopper.PostMessageAsync("问了三次都没人管，我要投诉");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        var summary = (await SummaryAsync(shopper.ConversationId))!;
        Assert.Equal(IntakeOutcomes.Interrupted, summary.Outcome);
        Assert.Equal("complaint", summary.Reason);
        Assert.Equal("complaint", (await _dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested).Reason);
        Assert.Contains("我要投诉", summary.Problem);
    }

    [Fact]
    public async Task ATraditionalWriterIsAskedInTraditional()
    {
        var bot = await StartBotAsync();
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("水壺收到就漏水，我要退貨");
        var ask = (await shopper.NextAsync(DirectLineTestClient.BotSays("訂單號")))["text"]!.GetValue<string>();
        Assert.DoesNotContain("订单号", ask);
    }

    [Fact]
    public async Task WithTheIntakeOffAfterSalesIsHandedOverAtOnce()
    {
        var bot = await StartBotAsync(null, "--Intake:Enabled=false");
        await using var shopper = await ShopperAsync(bot);
        await shopper.PostMessageAsync("水壶收到就漏水，我要退货");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        Assert.Null(await SummaryAsync(shopper.ConversationId));
    }
}

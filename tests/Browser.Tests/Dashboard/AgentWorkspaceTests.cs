using ChatSupport.Browser.Tests;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace ChatSupport.Browser.Tests.Dashboard;

/// <summary>An agent in headless Chromium: signs in, takes a queued chat, reads the bot's part, replies.</summary>
public sealed class AgentWorkspaceTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task AgentSignsInAcceptsAChatAndReplies()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123", "--CannedReplies:AcceptGreeting:Enabled=false",
            "--Conversations:SweepIntervalMilliseconds=200");
        // Only the complaints skill, so auto-assignment leaves this "human" chat for the agent to take by hand.
        await CreateAgentAsync(dashboard, "xiaowang", "小王", ["complaints"]);
        using var connection = redis.Connect();
        var bot = new ContractBot(connection);
        await bot.EscalateAsync("dl-conv-1", "李女士", ("customer", "几天能到"),
            ("bot", "亲，我们从 **浙江杭州仓** 发中通：\n\n- **江浙沪**：1–2 天；\n- 偏远地区 <b>5–7</b> 天"),
            ("customer", "快递三天没动了"), ("bot", "好的，正在为您转接人工客服"),
            ("customer", "<img src=x onerror=alert(1)>人工"));

        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login.html"));
        await page.GetByLabel("用户名").FillAsync("xiaowang");
        await page.GetByLabel("密码").FillAsync("agent-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        var queue = page.GetByRole(AriaRole.List, new() { Name = "排队中的会话" });
        await Assertions.Expect(queue.GetByText("李女士")).ToBeVisibleAsync();
        await queue.GetByRole(AriaRole.Button, new() { Name = "接入" }).ClickAsync();

        var transcript = page.GetByRole(AriaRole.List, new() { Name = "聊天记录" });
        await Assertions.Expect(transcript.GetByText("好的，正在为您转接人工客服")).ToBeVisibleAsync();
        // The bot's FAQ answer reads as the shopper saw it: bold and a list, not raw Markdown; HTML inside stays text.
        var answer = transcript.Locator(".line-bot .text").First;
        await Assertions.Expect(answer.Locator("strong").First).ToHaveTextAsync("浙江杭州仓");
        Assert.Equal(2, await answer.Locator("ul > li").CountAsync());
        Assert.DoesNotContain("**", await answer.InnerTextAsync());
        await Assertions.Expect(answer.Locator("li").Nth(1)).ToHaveTextAsync("偏远地区 <b>5–7</b> 天");
        Assert.Equal(0, await answer.Locator("b").CountAsync());
        await Assertions.Expect(page.GetByText("转人工原因：转人工")).ToBeVisibleAsync();
        // Shopper text is shown as text, not turned into markup.
        await Assertions.Expect(transcript.GetByText("<img src=x onerror=alert(1)>人工")).ToBeVisibleAsync();
        Assert.Equal(0, await transcript.Locator("img").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "我的会话" }).GetByText("李女士")).ToBeVisibleAsync();

        // Live: the shopper types and writes while the agent has the chat open.
        await bot.CustomerTypingAsync("dl-conv-1");
        await Assertions.Expect(page.GetByText("顾客正在输入…")).ToBeVisibleAsync();
        await bot.CustomerSaysAsync("dl-conv-1", "单号是 SF1234567");
        await Assertions.Expect(transcript.GetByText("单号是 SF1234567")).ToBeVisibleAsync();

        await page.GetByLabel("回复内容").FillAsync("您好，我是小王，马上为您查询物流。");
        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();

        await Eventually.TrueAsync(async () => (await bot.ToBotEventsAsync()).Any(e =>
            e.Kind == HandoffEventKinds.AgentReplied && e.Text == "您好，我是小王，马上为您查询物流。" && e.AgentId == "xiaowang"),
            TimeSpan.FromSeconds(10), "the reply is on the dashboard → bot stream");
        Assert.Contains(await bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.AgentJoined && e.AgentName == "小王");
        await Assertions.Expect(transcript.Locator(".line-agent:not(.pending)").GetByText("您好，我是小王，马上为您查询物流。")).ToBeVisibleAsync();
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task AutoAssignedChatOpensAgentTypingIsRelayedAndClosingTellsTheBot()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123", "--CannedReplies:AcceptGreeting:Enabled=false",
            "--Conversations:SweepIntervalMilliseconds=200");
        // This agent has the skill: the chat is assigned automatically once the workspace puts them online.
        await CreateAgentAsync(dashboard, "xiaoli", "小李", ["general"]);
        using var connection = redis.Connect();
        var bot = new ContractBot(connection);
        var agentTyping = new TaskCompletionSource<HandoffEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HandoffKeys.TypingChannel), (_, value) =>
        {
            var e = HandoffEvent.FromJson(value!);
            if (e.Kind == HandoffEventKinds.AgentTyping) agentTyping.TrySetResult(e);
        });
        await bot.EscalateAsync("dl-conv-2", "王先生", ("customer", "我要找人工"));

        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync("/login.html");
        await page.GetByLabel("用户名").FillAsync("xiaoli");
        await page.GetByLabel("密码").FillAsync("agent-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // Auto-assigned: the chat opens by itself.
        var transcript = page.GetByRole(AriaRole.List, new() { Name = "聊天记录" });
        await Assertions.Expect(transcript.GetByText("我要找人工")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "我的状态" })).ToHaveValueAsync("online");

        await page.GetByLabel("回复内容").PressSequentiallyAsync("您好");
        var typing = await agentTyping.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("dl-conv-2", "xiaoli"), (typing.ConversationId, typing.AgentId));

        // Empty messages are stopped in the page with a message; nothing reaches the bot.
        await page.GetByLabel("回复内容").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        await Assertions.Expect(page.GetByText("消息不能为空。")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "结束会话" }).ClickAsync();

        await Eventually.TrueAsync(async () => (await bot.ToBotEventsAsync()).Any(e => e.Kind == HandoffEventKinds.ConversationClosed),
            TimeSpan.FromSeconds(10), "ConversationClosed reaches the bot stream");
        Assert.DoesNotContain(await bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.AgentReplied);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "我的会话" }).GetByText("王先生")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("已结束").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithAMessage()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123");
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/index.html");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login.html"));
    }

    private static async Task CreateAgentAsync(RunningApp dashboard, string userName, string displayName, string[] skills)
    {
        var users = dashboard.Service<RedisUserStore>();
        var hasher = dashboard.Service<IPasswordHasher<DashboardUser>>();
        var user = new DashboardUser(RedisUserStore.IdFor(userName), userName, displayName, "", [DashboardRoles.Agent], skills, 5);
        Assert.True(await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, "agent-pass-123") }));
    }
}

/// <summary>Plays the bot's side of bot/HandoffContract for the dashboard page tests.</summary>
internal sealed class ContractBot(IConnectionMultiplexer redis)
{
    private const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
        """;

    private int _sequence;

    public async Task EscalateAsync(string id, string customerName, params (string Sender, string Text)[] history)
    {
        var now = DateTimeOffset.UtcNow;
        var db = redis.GetDatabase();
        await db.HashSetAsync(HandoffKeys.Conversation(id),
        [
            new(ConversationFields.Status, nameof(ConversationStatus.WaitingForAgent)), new(ConversationFields.CustomerId, "shopper-" + id),
            new(ConversationFields.CustomerName, customerName), new(ConversationFields.Reason, HandoffReason.Human.ToWireName()),
            new(ConversationFields.StartedAt, now.AddMinutes(-1).ToString("O")), new(ConversationFields.EscalatedAt, now.ToString("O")),
        ]);
        foreach (var (sender, text) in history) await AppendTranscriptAsync(id, sender, sender == "bot" ? "小助手" : customerName, text);
        await db.SortedSetAddAsync(HandoffKeys.Queue, id, QueueScore.For(HandoffReason.Human, now));
        await db.SortedSetAddAsync(HandoffKeys.CustomerConversations("shopper-" + id), id, now.ToUnixTimeMilliseconds());
        await AppendAsync(new HandoffEvent
        {
            Kind = HandoffEventKinds.EscalationRequested, ConversationId = id, CustomerName = customerName,
            CustomerId = "shopper-" + id, Reason = HandoffReason.Human.ToWireName(),
        });
    }

    public async Task CustomerSaysAsync(string id, string text)
    {
        var activityId = await AppendTranscriptAsync(id, TranscriptSenders.Customer, "李女士", text);
        await AppendAsync(new HandoffEvent { Kind = HandoffEventKinds.CustomerReplied, ConversationId = id, Text = text, ActivityId = activityId });
    }

    public Task CustomerTypingAsync(string id) => redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
        new HandoffEvent { Kind = HandoffEventKinds.CustomerTyping, ConversationId = id }.ToJson());

    public async Task<IReadOnlyList<HandoffEvent>> ToBotEventsAsync()
    {
        var entries = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync("""
            local out = {}
            for i, e in ipairs(redis.call('XRANGE', KEYS[1], '-', '+')) do out[i] = e[2][2] end
            return out
            """, [HandoffKeys.ToBotStream]))!;
        return entries.Select(e => HandoffEvent.FromJson((string)e!)).ToList();
    }

    private async Task<string> AppendTranscriptAsync(string id, string sender, string name, string text)
    {
        var activityId = $"{id}|{Interlocked.Increment(ref _sequence):0000000}";
        await redis.GetDatabase().ListRightPushAsync(HandoffKeys.Transcript(id),
            new TranscriptEntry(activityId, DateTimeOffset.UtcNow, sender, name, text).ToJson());
        return activityId;
    }

    private Task AppendAsync(HandoffEvent e) => redis.GetDatabase().ScriptEvaluateAsync(AppendScript,
        [HandoffKeys.ToDashboardStream], [e.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);
}

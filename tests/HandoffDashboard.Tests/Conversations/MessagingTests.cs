using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class MessagingTests
{
    [Fact]
    public async Task AgentReplyGoesToTheBotStreamOnceEvenWhenRetried()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");
        await host.Bot.ConsumeAsync();

        var sent = await agent.SendAsync("c-1", "您好，我是客服小王，<b>请问</b>有什么可以帮您？", "m-1");
        var retried = await agent.SendAsync("c-1", "您好，我是客服小王，<b>请问</b>有什么可以帮您？", "m-1");

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.True((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        var reply = Assert.Single(await host.Bot.ConsumeAsync());
        Assert.Equal(HandoffEventKinds.AgentReplied, reply.Kind);
        Assert.Equal("您好，我是客服小王，<b>请问</b>有什么可以帮您？", reply.Text);
        Assert.Equal("m-1", reply.ClientMessageId);
        Assert.Equal("wang", reply.AgentId);
        Assert.Equal("客服wang", reply.AgentName);

        // The bot appended the agent line (the dashboard never writes the transcript itself).
        var transcript = await agent.Http.GetFromJsonAsync<JsonElement>("api/conversations/c-1/transcript");
        var last = transcript.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal("agent", last.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task EmptyOrOversizedMessagesAreRefusedAndNothingIsSent()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: "--Conversations:MaxMessageLength=50");
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");
        await host.Bot.ConsumeAsync();

        var empty = await agent.SendAsync("c-1", "   ");
        var missing = await agent.SendAsync("c-1", null);
        var oversized = await agent.SendAsync("c-1", new string('好', 51));
        var exact = await agent.SendAsync("c-1", new string('好', 50));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("消息不能为空", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("消息过长", await oversized.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, exact.StatusCode);
        Assert.Equal(new string('好', 50), Assert.Single(await host.Bot.ConsumeAsync()).Text);
    }

    [Fact]
    public async Task UnreadCountsCountShopperLinesUntilTheAgentReads()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, history: [(TranscriptSenders.Customer, "在吗")]);
        await agent.AcceptAsync("c-1");
        Assert.Equal(HttpStatusCode.NoContent, (await agent.Http.PostAsync("api/conversations/c-1/read", null)).StatusCode);

        await host.Bot.CustomerSaysAsync("c-1", "我的快递三天没动了");
        await host.Bot.CustomerSaysAsync("c-1", "单号 SF123");

        Assert.Equal(2, Assert.Single(await agent.MineAsync()).Unread);
        await agent.Http.PostAsync("api/conversations/c-1/read", null);
        Assert.Equal(0, Assert.Single(await agent.MineAsync()).Unread);
    }

    [Fact]
    public async Task UnreadCountsSurviveTheBotTrimmingTheHeadOfALongTranscript()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, history: [(TranscriptSenders.Customer, "在吗"), (TranscriptSenders.Bot, "您好")]);
        await agent.AcceptAsync("c-1");
        await agent.Http.PostAsync("api/conversations/c-1/read", null);
        await Task.Delay(5); // the next lines are stamped later than the newest line the agent read

        await host.Bot.CustomerSaysAsync("c-1", "我的快递三天没动了");
        await host.Bot.CustomerSaysAsync("c-1", "单号 SF123");
        // What the bot's append does at Handoff:MaxTranscriptLines: drop the oldest lines, which moves every position.
        using (var redis = host.Redis.Connect())
        {
            await redis.GetDatabase().ListTrimAsync(HandoffKeys.Transcript("c-1"), -2, -1);
        }

        Assert.Equal(2, Assert.Single(await agent.MineAsync()).Unread);
        await agent.Http.PostAsync("api/conversations/c-1/read", null);
        Assert.Equal(0, Assert.Single(await agent.MineAsync()).Unread);
    }

    [Fact]
    public async Task UnreadCountsEveryShopperLineAfterTheMarkOnceUpToTheNewestThousandLines()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, history: [(TranscriptSenders.Customer, "在吗"), (TranscriptSenders.Bot, "您好")]);
        await agent.AcceptAsync("c-1");
        await agent.Http.PostAsync("api/conversations/c-1/read", null);
        using var redis = host.Redis.Connect();
        var db = redis.GetDatabase();
        var after = DateTimeOffset.UtcNow.AddMinutes(1); // later than the line the agent read
        async Task AppendAsync(int count, Func<int, string> sender)
        {
            var lines = Enumerable.Range(0, count).Select(i => (StackExchange.Redis.RedisValue)new TranscriptEntry(
                $"c-1|{count}-{i:D7}", after.AddMilliseconds(i), sender(i), null, "第" + i + "句").ToJson()).ToArray();
            await db.ListRightPushAsync(HandoffKeys.Transcript("c-1"), lines);
        }

        // More than one screenful: 120 shopper lines among 180 new ones, each counted once.
        await AppendAsync(180, i => i % 3 == 2 ? TranscriptSenders.Bot : TranscriptSenders.Customer);
        Assert.Equal(120, Assert.Single(await agent.MineAsync()).Unread);

        // The count looks at the newest 1,000 lines only (a long unread stretch shows 1000, not a slower exact figure).
        await AppendAsync(1200, _ => TranscriptSenders.Customer);
        Assert.Equal(1000, Assert.Single(await agent.MineAsync()).Unread);
        await agent.Http.PostAsync("api/conversations/c-1/read", null);
        Assert.Equal(0, Assert.Single(await agent.MineAsync()).Unread);
    }
}

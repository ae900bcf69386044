using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class ReplyAssistTests
{
    /// <summary>A stand-in for the bot's admin API on real Kestrel, answering in the shape the bot's endpoint uses.</summary>
    private static async Task<(WebApplication App, Uri Address, List<string> Keys)> StartBotStandInAsync()
    {
        var keys = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/admin/knowledge/test", async (HttpContext ctx) =>
        {
            keys.Add(ctx.Request.Headers["X-Admin-Key"].ToString());
            if (ctx.Request.Headers["X-Admin-Key"] != "test-key") return Results.Unauthorized();
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body);
            var text = body.GetProperty("text").GetString()!;
            return text.Contains("退款")
                ? Results.Json(new
                {
                    route = "answer", faqId = "after-sales/refund", score = 0.91,
                    candidates = new[] { new { id = "after-sales/refund", title = "怎么申请退款？", answer = "在订单页点击申请退款即可。", score = 0.91 } },
                })
                : Results.Json(new { route = "fallback", score = 0.1, candidates = Array.Empty<object>() });
        });
        await app.StartAsync();
        return (app, new Uri(app.Urls.First()), keys);
    }

    [Fact]
    public async Task SuggestsThreeCannedRepliesAndTheBotsBestFaqAnswer()
    {
        var (bot, address, keys) = await StartBotStandInAsync();
        await using var _ = bot;
        using var redis = RedisServer.Start();
        await using var app = await CannedReplyHost.StartAsync(redis, $"--Bot:AdminBaseUrl={address}", "--Bot:AdminApiKey=test-key");
        using var agent = await DashboardSession.SignInAsync(app, "alice", "agent");

        var result = await (await agent.Http.GetAsync("api/canned-replies/assist?text=" + Uri.EscapeDataString("我想退款，怎么操作"))).JsonAsync();

        var replies = result.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
        Assert.Equal(3, replies.Count);
        Assert.Equal("退款流程", replies[0]);
        Assert.Equal("在订单页点击申请退款即可。", result.GetProperty("faq").GetProperty("answer").GetString());
        Assert.Equal("after-sales/refund", result.GetProperty("faq").GetProperty("faqId").GetString());
        Assert.Equal(["test-key"], keys);

        var noFaq = await (await agent.Http.GetAsync("api/canned-replies/assist?text=" + Uri.EscapeDataString("今天天气"))).JsonAsync();
        Assert.Equal(JsonValueKind.Null, noFaq.GetProperty("faq").ValueKind);
    }

    [Fact]
    public async Task WhenTheBotIsUnreachableOnlyCannedRepliesComeBackWithANote()
    {
        var closedPort = FreePort.Next();
        using var redis = RedisServer.Start();
        await using var app = await CannedReplyHost.StartAsync(redis, $"--Bot:AdminBaseUrl=http://127.0.0.1:{closedPort}", "--Bot:AdminApiKey=k");
        using var agent = await DashboardSession.SignInAsync(app, "alice", "agent");

        var response = await agent.Http.GetAsync("api/canned-replies/assist?text=" + Uri.EscapeDataString("物流到哪了"));

        response.EnsureSuccessStatusCode();
        var result = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Null, result.GetProperty("faq").ValueKind);
        Assert.Contains("机器人", result.GetProperty("note").GetString());
        Assert.Contains(result.GetProperty("replies").EnumerateArray(), r => r.GetProperty("category").GetString() == "物流");
    }

    [Fact]
    public async Task TheAcceptGreetingIsTheTeamGreetingFilledFromTheChat()
    {
        using var redis = RedisServer.Start();
        await using var app = await CannedReplyHost.StartAsync(redis, "--CannedReplies:ShopName=小雅家居");
        using var agent = await DashboardSession.SignInAsync(app, "alice", "agent");
        using var conn = redis.Connect();
        await conn.GetDatabase().HashSetAsync(HandoffKeys.Conversation("c-1"), ConversationFields.CustomerName, "王女士");

        var greeting = await app.Service<AcceptGreetingProvider>().GreetingForAsync("alice", "c-1", CancellationToken.None);
        var anonymous = await app.Service<AcceptGreetingProvider>().GreetingForAsync("alice", "c-unknown", CancellationToken.None);

        Assert.Equal("王女士您好，欢迎光临小雅家居，我是客服GH-alice，很高兴为您服务，请问有什么可以帮您？", greeting);
        Assert.StartsWith("亲您好", anonymous);
    }

    [Fact]
    public async Task AGreetingThatCannotBeFilledFallsBackToTheSafeDefault()
    {
        using var redis = RedisServer.Start();
        await using var app = await CannedReplyHost.StartAsync(redis, "--CannedReplies:SeedDefaults=false");
        using var lead = await DashboardSession.SignInAsync(app, "lead", "supervisor");
        (await lead.Http.PostAsJsonAsync("api/canned-replies",
            new { title = "问候", text = "您好，您的订单{订单号}我来跟进", category = "问候", shortcut = "/hy", scope = "Team" })).EnsureSuccessStatusCode();

        string? greeting = null;
        await Eventually.TrueAsync(async () =>
        {
            greeting = await app.Service<AcceptGreetingProvider>().GreetingForAsync("lead", "c-2", CancellationToken.None);
            return greeting != null && !greeting.Contains('{');
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(AcceptGreetingProvider.SafeDefaultGreeting, greeting);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Sales;

/// <summary>
/// The demo seeding (Sales:DemoSeed, on only in run.sh's demo configuration): demo chats with demo agents, and the demo
/// store's orders arriving through the signed webhook are attributed to those agents by the real rule, so the per-agent
/// figures are not empty; a walk-in's order and an order outside the window stay the store's. Off, it creates nothing.
/// </summary>
public sealed class DemoSalesSeedTests
{
    private const string Key = "demo-seed-webhook-key";

    private static HttpRequestMessage Signed(string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/store/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, ts.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(Key, ts, "/api/store/orders", body));
        return request;
    }

    private static string Order(string id, string shopper, decimal amount, DateTimeOffset paidAt) => JsonSerializer.Serialize(new
    {
        orderId = id, shopperId = shopper, paidAt, amount, items = new[] { new { sku = "AF-300", name = "空气炸锅 5L", quantity = 1, unitPrice = amount } },
    });

    [Fact]
    public async Task DemoOrdersAfterDemoChatsCountForTheDemoAgentsThroughTheRealAttributionRule()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: [$"--Store:OrderWebhookKey={Key}", "--Sales:DemoSeed:Enabled=true", "--Sales:DemoSeed:Days=3"]);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var dayStart = new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var store = host.Dashboard.CreateClient();

        // Paid 02:00 UTC, after the 00:20–00:40 demo chat: the shopper's demo agent of that day.
        var attributed = await (await store.SendAsync(Signed(Order("DEMO-T-1", "demo-lilei", 399m, dayStart.AddHours(2))))).Content.ReadFromJsonAsync<JsonElement>();
        var expected = DemoSalesSeeder.DemoAgents[(yesterday.DayNumber + 0) % DemoSalesSeeder.DemoAgents.Count].Id;
        Assert.Equal(expected, attributed.GetProperty("agentId").GetString());
        Assert.Equal(DemoSalesSeeder.ConversationId(yesterday, "demo-lilei"), attributed.GetProperty("conversationId").GetString());
        // A walk-in had no chat: the store's only.
        var walkIn = await (await store.SendAsync(Signed(Order("DEMO-T-2", "demo-guest-07", 129m, dayStart.AddHours(3))))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, walkIn.GetProperty("agentId").ValueKind);
        // Paid three days before any demo chat: outside every chat (nothing before it), the store's only.
        var before = await (await store.SendAsync(Signed(Order("DEMO-T-3", "demo-hanmeimei", 68m, dayStart.AddDays(-4))))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("agentId").ValueKind);

        var supervisor = await host.AdminAsync();
        var report = await supervisor.Http.GetFromJsonAsync<JsonElement>($"api/reports/sales?from={yesterday:yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}");
        var agents = report.GetProperty("agents").EnumerateArray().ToList();
        // Every demo agent served that day (3 shoppers, 3 agents); the one whose shopper ordered has the sale.
        Assert.Equal(DemoSalesSeeder.DemoAgents.Select(a => a.Name).Order(), agents.Select(a => a.GetProperty("agentName").GetString()).Order());
        Assert.All(agents, a => Assert.Equal(1, a.GetProperty("served").GetInt32()));
        var seller = agents.Single(a => a.GetProperty("agentId").GetString() == expected);
        Assert.Equal(399m, seller.GetProperty("sales").GetDecimal());
        Assert.Equal(1.0, seller.GetProperty("conversionRate").GetDouble());

        // The demo agents cannot sign in.
        var users = host.Dashboard.Service<RedisUserStore>();
        foreach (var (id, _) in DemoSalesSeeder.DemoAgents) Assert.True((await users.FindAsync(id))!.Disabled, id);
    }

    [Fact]
    public async Task OutsideTheDemoConfigurationNothingIsSeeded()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: [$"--Store:SigningKey={Key}"]);
        var users = host.Dashboard.Service<RedisUserStore>();
        Assert.DoesNotContain(await users.ListAsync(), u => u.Id.StartsWith("demo-agent-", StringComparison.Ordinal));
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        Assert.False(await host.Connection.GetDatabase().KeyExistsAsync(ChatSupport.HandoffContract.HandoffKeys.Conversation(DemoSalesSeeder.ConversationId(yesterday, "demo-lilei"))));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Sales;

/// <summary>The store's order webhook on a real dashboard and redis-server: signature, replay, attribution, the sales report and a programme for its shoppers.</summary>
public sealed class OrderWebhookTests
{
    private const string Key = "store-signing-key-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static HttpRequestMessage Signed(string body, string key = Key, long? timestamp = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/store/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, ts.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(key, ts, "/api/store/orders", body));
        return request;
    }

    private static string Order(string id, string shopper, decimal amount, int quantity, DateTimeOffset? paidAt = null) => JsonSerializer.Serialize(new
    {
        orderId = id, shopperId = shopper, paidAt = paidAt ?? DateTimeOffset.UtcNow, amount,
        items = new[] { new { sku = "SKU1", name = "保温杯", quantity, unitPrice = amount / quantity } },
    });

    [Fact]
    public async Task ASignedOrderAfterAChatCountsForTheAgentOnceAndForgeriesAndReplaysAreRefused()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: [$"--Store:SigningKey={Key}"]);
        var admin = await host.AdminAsync();
        var wang = await host.AgentAsync("wang", online: false);
        var li = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, "李雷", customerId: "shopper-demo-lilei");
        Assert.Equal(HttpStatusCode.OK, (await wang.AcceptAsync("c-1")).StatusCode);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human, "王芳", customerId: "shopper-demo-wangfang");
        Assert.Equal(HttpStatusCode.OK, (await li.AcceptAsync("c-2")).StatusCode);
        using var store = host.Dashboard.CreateClient();

        var body = Order("DM-1001", "demo-lilei", 199.00m, 2);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = await store.SendAsync(Signed(body, timestamp: ts));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var recorded = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("wang", recorded.GetProperty("agentId").GetString());
        Assert.True(recorded.GetProperty("counted").GetBoolean());

        // The very same signed request again is a replay; the store's retry, signed anew, is accepted and counted once.
        Assert.Equal(HttpStatusCode.Conflict, (await store.SendAsync(Signed(body, timestamp: ts))).StatusCode);
        var retried = await store.SendAsync(Signed(body, timestamp: ts - 1));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counted").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await store.SendAsync(Signed(body, key: "forged"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await store.SendAsync(Signed(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await store.PostAsync("api/store/orders", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        var invalid = await store.SendAsync(Signed(JsonSerializer.Serialize(new { orderId = "DM-X", shopperId = "demo-lilei", amount = -5 })));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        // An order of a shopper nobody chatted with counts for the store only; li's shopper counts for li.
        var walkIn = await (await store.SendAsync(Signed(Order("DM-1002", "someone-else", 50m, 1)))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, walkIn.GetProperty("agentId").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await store.SendAsync(Signed(Order("DM-1003", "demo-wangfang", 100m, 4)))).StatusCode);

        // The report: wang served 1, 1 buyer, 199 yuan; store average item price (199+50+100)/7 = 49.86.
        await Eventually.TrueAsync(async () =>
        {
            var r = await admin.Http.GetFromJsonAsync<JsonElement>("api/reports/sales");
            return r.GetProperty("agents").EnumerateArray().Any(a => a.GetProperty("agentId").GetString() == "wang" && a.GetProperty("served").GetInt64() == 1);
        }, Timeout, "served customers counted from AgentJoined");
        var report = await admin.Http.GetFromJsonAsync<JsonElement>("api/reports/sales");
        var wangRow = report.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == "wang");
        Assert.Equal(1, wangRow.GetProperty("buyers").GetInt64());
        Assert.Equal(1, wangRow.GetProperty("orders").GetInt64());
        Assert.Equal(199m, wangRow.GetProperty("sales").GetDecimal());
        Assert.Equal(1.0, wangRow.GetProperty("conversionRate").GetDouble());
        Assert.Equal(199m, wangRow.GetProperty("averageOrderValue").GetDecimal());
        Assert.Equal(49.86m, report.GetProperty("store").GetProperty("averageItemPrice").GetDecimal());
        Assert.Equal(Math.Round(199 / 49.86, 2), wangRow.GetProperty("averageOrderValueToItemPrice").GetDouble());
        Assert.Equal(3, report.GetProperty("store").GetProperty("orders").GetInt64());
        var team = report.GetProperty("team");
        Assert.Equal(299m, team.GetProperty("sales").GetDecimal());
        // wang's 199 against the team's per-agent 149.5.
        Assert.Equal(Math.Round(199 / 149.5, 2), wangRow.GetProperty("salesVsTeam").GetDouble());

        // An agent sees their own rows and the team's; CSV carries the Chinese headers.
        var own = await li.Http.GetFromJsonAsync<JsonElement>("api/reports/sales");
        Assert.Equal(["li"], own.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()));
        Assert.Equal(299m, own.GetProperty("team").GetProperty("sales").GetDecimal());
        var csv = await admin.Http.GetStringAsync("api/reports/sales?format=csv");
        Assert.Contains("转化率", csv);
        Assert.Contains("客单价", csv);

        // A programme for the shoppers of today: the three who ordered, due within three days.
        var programme = await admin.Http.PostAsJsonAsync("api/follow-up-programmes", new
        {
            name = "本周下单回访", group = "shoppers", from = DateTime.UtcNow.ToString("yyyy-MM-dd"), to = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, programme.StatusCode);
        Assert.Equal(3, (await programme.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUps").GetInt32());
    }

    [Fact]
    public async Task WithoutASigningKeyTheWebhookIsOff()
    {
        await using var host = await DashboardHost.StartAsync();
        using var store = host.Dashboard.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await store.SendAsync(Signed(Order("DM-1", "demo-lilei", 1m, 1)))).StatusCode);
    }
}

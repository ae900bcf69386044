using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatSupport.HandoffDashboard.Tests.Orders;

/// <summary>The order panel's endpoint against a store connector stand-in on Kestrel that checks the signature.</summary>
public sealed class ShopperOrdersEndpointTests : IAsyncLifetime
{
    private const string Key = "dashboard-connector-key";
    private RunningApp _store = null!;
    private readonly List<string> _paths = [];

    public async Task InitializeAsync()
    {
        _store = await RunningApp.StartAsync(args =>
        {
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/connector/shoppers/{id}/orders", (string id, HttpRequest request) =>
            {
                lock (_paths) _paths.Add(request.Path + request.QueryString);
                var ts = request.Headers["X-Store-Timestamp"].ToString();
                var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key),
                    Encoding.UTF8.GetBytes(ts + "\nGET\n" + request.Path + request.QueryString)));
                if (request.Headers["X-Store-Signature"].ToString() != expected) return Results.StatusCode(401);
                return Results.Json(new
                {
                    orders = new[]
                    {
                        new { orderId = "DM1", shopperId = id, status = "in_transit", courier = "顺丰速运", trackingNumber = "SF1" },
                    },
                });
            });
            return app;
        });
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private string[] Connector(string key = Key) =>
        [$"--Store:ConnectorBaseUrl={new Uri(_store.BaseAddress, "connector/")}", $"--Store:ConnectorKey={key}"];

    [Fact]
    public async Task ASignedInShoppersOrdersComeThroughTheConnectorForWhoeverMaySeeTheChat()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: Connector());
        var wang = await host.AgentAsync("wang", online: false);
        var li = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, "李雷", customerId: "shopper-demo-lilei");

        var response = await wang.Http.GetAsync("api/conversations/c-1/orders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("demo-lilei", body.GetProperty("shopperId").GetString());
        var order = body.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal("DM1", order.GetProperty("orderId").GetString());
        Assert.Equal("顺丰速运", order.GetProperty("courier").GetString());
        Assert.Contains("/connector/shoppers/demo-lilei/orders?limit=10", _paths);

        // Once wang has the chat, li may no longer see it, nor its orders; nobody signed out sees anything.
        Assert.Equal(HttpStatusCode.OK, (await wang.AcceptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await li.Http.GetAsync("api/conversations/c-1/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await li.TranscriptAsync("c-1")).StatusCode);
        using var anonymous = host.Dashboard.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/conversations/c-1/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wang.Http.GetAsync("api/conversations/nope/orders")).StatusCode);
    }

    [Fact]
    public async Task AnAnonymousShopperHasNoOrders()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: Connector());
        var wang = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human, "访客", customerId: "dl_0123456789abcdef");
        var response = await wang.Http.GetAsync("api/conversations/c-2/orders");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("没有登录", await response.Content.ReadAsStringAsync());
        Assert.Empty(_paths);
    }

    [Fact]
    public async Task AWrongKeyOrAClosedPortIsABadGatewayWithAChineseTitle()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: Connector("wrong-key"));
        var wang = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-3", HandoffReason.AfterSales, "李雷", customerId: "shopper-demo-lilei");
        var refused = await wang.Http.GetAsync("api/conversations/c-3/orders");
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("订单系统暂时不可用", await refused.Content.ReadAsStringAsync());

        await using var down = await DashboardHost.StartAsync(extraArgs: [$"--Store:ConnectorBaseUrl=http://127.0.0.1:{FreePort.Next()}/", "--Store:ConnectorKey=k"]);
        var agent = await down.AgentAsync("wang", online: false);
        await down.Bot.EscalateAsync("c-4", HandoffReason.AfterSales, "李雷", customerId: "shopper-demo-lilei");
        Assert.Equal(HttpStatusCode.BadGateway, (await agent.Http.GetAsync("api/conversations/c-4/orders")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Customers;

/// <summary>Customer profiles on a real dashboard (Kestrel) over a real redis-server: access by the chats' rule, masking, corrections, assignment, contacts, merge.</summary>
public sealed class CustomerProfileTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private const string Lilei = "shopper-demo-lilei";

    private static Task<HttpResponseMessage> GetCustomerAsync(DashboardClient client, string id) =>
        client.Http.GetAsync("api/customers/" + Uri.EscapeDataString(id));

    private static async Task<JsonElement> CustomerAsync(DashboardClient client, string id)
    {
        var response = await GetCustomerAsync(client, id);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task WaitForProfileAsync(DashboardClient supervisor, string id) =>
        await Eventually.TrueAsync(async () =>
        {
            var r = await GetCustomerAsync(supervisor, id);
            return r.IsSuccessStatusCode && (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("profile").TryGetProperty("firstSeenAt", out var seen)
                && seen.ValueKind == JsonValueKind.String;
        }, Timeout, "profile built from the escalation");

    [Fact]
    public async Task AProfileIsBuiltFromTheChatAndOnlyItsAgentsAndSupervisorsSeeIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var wang = await host.AgentAsync("wang", online: false);
        var li = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, "李雷", customerId: Lilei);
        await WaitForProfileAsync(admin, Lilei);
        var built = await CustomerAsync(admin, Lilei);
        Assert.Equal("demo-lilei", built.GetProperty("profile").GetProperty("shopperId").GetString());
        Assert.Equal("李雷", built.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.Equal("c-1", built.GetProperty("history").GetProperty("conversations")[0].GetProperty("conversationId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await wang.AcceptAsync("c-1")).StatusCode);
        var update = await wang.Http.PutAsJsonAsync("api/customers/" + Lilei, new
        {
            phone = "138 1234 5678", tags = new[] { "老顾客", "喜欢顺丰" }, memberLevel = "金卡", note = "<b>下次</b>发顺丰",
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var serving = await CustomerAsync(wang, Lilei);
        Assert.False(serving.GetProperty("contactMasked").GetBoolean());
        Assert.Equal("138 1234 5678", serving.GetProperty("profile").GetProperty("phone").GetString());
        Assert.Equal("<b>下次</b>发顺丰", serving.GetProperty("notes")[0].GetProperty("text").GetString());

        // Another agent: the chat is wang's, so is the customer.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetCustomerAsync(li, Lilei)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await li.Http.PutAsJsonAsync("api/customers/" + Lilei, new { phone = "110" })).StatusCode);
        Assert.Empty(await (await li.Http.GetAsync("api/customers?q=李雷")).Content.ReadFromJsonAsync<JsonElement[]>() ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await GetCustomerAsync(wang, "nobody")).StatusCode);
        using var anonymous = host.Dashboard.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/customers/" + Lilei)).StatusCode);

        // After the chat, wang still sees the customer he served, with contact details masked.
        Assert.Equal(HttpStatusCode.OK, (await wang.CloseAsync("c-1")).StatusCode);
        var served = await CustomerAsync(wang, Lilei);
        Assert.True(served.GetProperty("contactMasked").GetBoolean());
        Assert.Equal("138****5678", served.GetProperty("profile").GetProperty("phone").GetString());
        var found = await (await admin.Http.GetAsync("api/customers?q=金卡")).Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal(Lilei, Assert.Single(found!).GetProperty("id").GetString());

        // Bad input is refused with a Chinese reason and changes nothing.
        var bad = await admin.Http.PutAsJsonAsync("api/customers/" + Lilei, new { phone = "call me", email = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("电话", await bad.Content.ReadAsStringAsync());
        Assert.Equal("138 1234 5678", (await CustomerAsync(admin, Lilei)).GetProperty("profile").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ASupervisorAssignsCustomersAndTheAgentWorksTheSevenDayList()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var wang = await host.AgentAsync("wang", online: false);
        var li = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, "李雷", customerId: Lilei);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human, "韩梅梅", customerId: "shopper-demo-hanmeimei");
        await WaitForProfileAsync(admin, Lilei);
        await WaitForProfileAsync(admin, "shopper-demo-hanmeimei");

        // Agents may not assign; the suggestion balances (both carry none: li before wang by id).
        Assert.Equal(HttpStatusCode.Forbidden, (await wang.Http.PostAsJsonAsync($"api/customers/{Lilei}/assign", new { agentId = "wang" })).StatusCode);
        var suggestion = await admin.Http.GetFromJsonAsync<JsonElement>($"api/customers/{Lilei}/suggested-agent");
        Assert.Equal("li", suggestion.GetProperty("suggested").GetProperty("agentId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsJsonAsync($"api/customers/{Lilei}/assign", new { agentId = "wang" })).StatusCode);
        // Without an agent the suggestion is taken: wang now carries one, so li.
        var auto = await admin.Http.PostAsJsonAsync("api/customers/shopper-demo-hanmeimei/assign", new { agentId = (string?)null });
        Assert.Equal("li", (await auto.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("profile").GetProperty("agentId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync($"api/customers/{Lilei}/assign", new { agentId = "ghost" })).StatusCode);

        // wang's own customer: visible with contact details, due within seven days; li cannot see it.
        var mine = await wang.Http.GetFromJsonAsync<JsonElement[]>("api/customers/mine");
        var item = Assert.Single(mine!);
        Assert.Equal(Lilei, item.GetProperty("id").GetString());
        var due = item.GetProperty("contactDueAt").GetDateTimeOffset();
        Assert.InRange(due, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-2), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(2));
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Empty((await wang.Http.GetFromJsonAsync<JsonElement[]>("api/customers/mine?overdue=true"))!);
        Assert.False((await CustomerAsync(wang, Lilei)).GetProperty("contactMasked").GetBoolean());
        // While the customer's chat waits in the queue every agent may look (the chats' rule); once wang holds it, li may not.
        Assert.Equal(HttpStatusCode.OK, (await GetCustomerAsync(li, Lilei)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wang.AcceptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetCustomerAsync(li, Lilei)).StatusCode);

        // A contact is recorded by the responsible agent only.
        Assert.Equal(HttpStatusCode.Forbidden, (await li.Http.PostAsJsonAsync("api/customers/shopper-demo-hanmeimei/assign", new { })).StatusCode);
        var contact = await wang.Http.PostAsJsonAsync($"api/customers/{Lilei}/contacts", new { channel = "电话", note = "已电话回访，对物流满意" });
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        var after = await contact.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("已电话回访，对物流满意", after.GetProperty("contacts")[0].GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await wang.Http.PostAsJsonAsync($"api/customers/{Lilei}/contacts", new { note = "" })).StatusCode);
    }

    [Fact]
    public async Task ASupervisorMergesADuplicateAndItsHistoryMovesAlong()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var wang = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, "李雷", customerId: Lilei);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human, "李雷（访客）", customerId: "dl_visitor1");
        await WaitForProfileAsync(admin, Lilei);
        await WaitForProfileAsync(admin, "dl_visitor1");
        await admin.Http.PutAsJsonAsync("api/customers/dl_visitor1", new { email = "lilei@example.com" });

        Assert.Equal(HttpStatusCode.Forbidden, (await wang.Http.PostAsJsonAsync($"api/customers/{Lilei}/merge", new { duplicateId = "dl_visitor1" })).StatusCode);
        var merged = await admin.Http.PostAsJsonAsync($"api/customers/{Lilei}/merge", new { duplicateId = "dl_visitor1" });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var body = await merged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lilei@example.com", body.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(["c-1", "c-2"], body.GetProperty("history").GetProperty("conversations").EnumerateArray()
            .Select(c => c.GetProperty("conversationId").GetString()).Order());
        // The duplicate's id now opens the merged profile; it is gone from search.
        Assert.Equal(Lilei, (await CustomerAsync(admin, "dl_visitor1")).GetProperty("profile").GetProperty("id").GetString());
        var search = await admin.Http.GetFromJsonAsync<JsonElement[]>("api/customers?q=李雷");
        Assert.Equal(Lilei, Assert.Single(search!).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync($"api/customers/{Lilei}/merge", new { duplicateId = "dl_visitor1" })).StatusCode);
    }

    [Fact]
    public async Task AReturningCustomersChatGoesToTheirOwnAgentWhenOnlineWithRoom()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var aaa = await host.AgentAsync("aaa", online: false);
        var zed = await host.AgentAsync("zed", online: false, maxChats: 1);
        await host.Bot.EscalateAsync("c-0", HandoffReason.Human, "李雷", customerId: Lilei);
        await WaitForProfileAsync(admin, Lilei);
        Assert.Equal(HttpStatusCode.OK, (await admin.AcceptAsync("c-0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.CloseAsync("c-0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsJsonAsync($"api/customers/{Lilei}/assign", new { agentId = "zed" })).StatusCode);

        await aaa.SetStatusAsync("online");
        await zed.SetStatusAsync("online");
        // Without the preference "aaa" would win the tie (by id); the customer's own agent gets it.
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human, "李雷", customerId: Lilei);
        await Eventually.TrueAsync(async () => (await zed.MineAsync()).Count == 1, Timeout, "own agent took the chat");
        Assert.Empty(await aaa.MineAsync());

        // Own agent at capacity: the next chat of the customer goes to whoever has room.
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human, "李雷", customerId: Lilei);
        await Eventually.TrueAsync(async () => (await aaa.MineAsync()).Count == 1, Timeout, "another agent took the second chat");
    }
}

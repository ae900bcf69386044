using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Search;

/// <summary>Real Redis, two real dashboard instances: each keeps its own index from the streams and answers alike.</summary>
public sealed class SearchAcrossInstancesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // The 2 s target is measured (printed below and by tests/SearchBenchmark), not asserted: a loaded CI machine
    // must not fail a correct feed. The timeouts here only bound a broken one.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    internal static async Task<JsonElement> SearchAsync(DashboardClient client, string query)
    {
        var response = await client.Http.GetAsync("api/search?" + query);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static List<string> Ids(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("conversationId").GetString()!).ToList();

    [Fact]
    public async Task BothInstancesFindChatsFromTheRebuildAndFromTheStreamsWithinTwoSeconds()
    {
        await using var host = await DashboardHost.StartAsync();
        // Written before the second instance starts: it finds it through its rebuild from Redis.
        await host.Bot.EscalateAsync("c-old", HandoffReason.AfterSales, "陳小明", history:
            [(TranscriptSenders.Customer, "我要退貨"), (TranscriptSenders.Bot, "好的，请问订单号是多少？")]);
        var second = await host.StartInstanceAsync();
        var supervisor = await host.AdminAsync();
        var supervisorOnSecond = supervisor.On(second.BaseAddress);

        foreach (var client in new[] { supervisor, supervisorOnSecond })
        {
            await Eventually.TrueAsync(async () => Ids(await SearchAsync(client, "q=" + Uri.EscapeDataString("退货"))).Contains("c-old"),
                TimeSpan.FromSeconds(10), "the chat escalated before start-up is found (bot's line included)");
            Assert.Equal(["c-old"], Ids(await SearchAsync(client, "q=" + Uri.EscapeDataString("订单号"))));
        }

        var agent = await host.AgentAsync("li", online: false);
        Assert.Equal(HttpStatusCode.OK, (await agent.AcceptAsync("c-old")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await agent.SendAsync("c-old", "已为您登记退货，快递员明天上门取件")).StatusCode);
        var watch = Stopwatch.StartNew();
        foreach (var client in new[] { supervisor, supervisorOnSecond })
        {
            await Eventually.TrueAsync(async () => Ids(await SearchAsync(client, "q=" + Uri.EscapeDataString("上门取件"))).Contains("c-old"),
                Soon, "an agent's reply is searchable on every instance");
            output.WriteLine($"reply searchable on {client.BaseAddress} after {watch.ElapsedMilliseconds} ms");
        }

        var hit = (await SearchAsync(supervisorOnSecond, "q=" + Uri.EscapeDataString("上门取件") + "&agent=li")).GetProperty("hits")[0];
        var line = hit.GetProperty("lines")[0];
        Assert.Equal("agent", line.GetProperty("sender").GetString());
        Assert.Contains(line.GetProperty("segments").EnumerateArray(), s => s.GetProperty("match").GetBoolean() && s.GetProperty("text").GetString() == "上门取件");
        Assert.Empty(Ids(await SearchAsync(supervisorOnSecond, "q=" + Uri.EscapeDataString("上门取件") + "&agent=wang")));
    }

    [Fact]
    public async Task AgentsFindTheQueueAndTheirOwnChatsButNeverAColleaguesChat()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2);
        var li = await host.AgentAsync("li", online: false);
        var wang = await host.AgentAsync("wang", online: false, instance: 1);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, history: [(TranscriptSenders.Customer, "发票什么时候开")]);
        await host.Bot.EscalateAsync("c-2", HandoffReason.AfterSales, history: [(TranscriptSenders.Customer, "发票抬头写错了")]);
        await Eventually.TrueAsync(async () => Ids(await SearchAsync(wang, "q=" + Uri.EscapeDataString("发票"))).Count == 2,
            TimeSpan.FromSeconds(5), "both queued chats are visible to any agent");

        await li.AcceptAsync("c-1");

        // The live record decides at once, even before either index has seen the accept.
        Assert.Equal(["c-2"], Ids(await SearchAsync(wang, "q=" + Uri.EscapeDataString("发票"))));
        Assert.Equal(["c-1", "c-2"], Ids(await SearchAsync(li, "q=" + Uri.EscapeDataString("发票"))).Order().ToList());
        Assert.Equal(["c-1", "c-2"], Ids(await SearchAsync(await host.AdminAsync(), "q=" + Uri.EscapeDataString("发票"))).Order().ToList());
    }

    [Fact]
    public async Task BadFiltersAreRefusedWithAReasonAndRebuildIsForSupervisors()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        foreach (var query in new[] { "from=2026-13-01", "to=yesterday", "reason=nonsense", "csat=great", "from=2026-12-02&to=2026-12-01", "q=" + new string('退', 101) })
        {
            var response = await agent.Http.GetAsync("api/search?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsync("api/search/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await (await host.AdminAsync()).Http.PostAsync("api/search/rebuild", null)).StatusCode);
        var openApi = await (await host.AdminAsync()).Http.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/search", "/api/search/rebuild", "/api/labels", "/api/conversations/{id}/labels", "/api/conversations/{id}/notes" })
        {
            Assert.Contains($"\"{path}\"", openApi);
        }
        using var anonymous = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/search?q=x")).StatusCode);
    }
}

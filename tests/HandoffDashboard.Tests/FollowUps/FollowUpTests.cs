using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.FollowUps;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.HandoffDashboard.Tests.Reports;
using ChatSupport.TestSupport;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.FollowUps;

/// <summary>Follow-ups (回访) and cases with a hand-moved clock: due times, overdue lists, results, who sees what.</summary>
public sealed class FollowUpTests
{
    private static async Task<List<JsonElement>> ListAsync(HttpClient http, string query = "") =>
        (await http.GetFromJsonAsync<List<JsonElement>>("api/follow-ups" + query))!;

    [Fact]
    public async Task AFollowUpIsDueInThreeDaysAndOverdueOnlyOnceThatHasPassed()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var created = await agent.PostAsJsonAsync("api/follow-ups", new { subject = "回访：补发是否收到", customerName = "王女士" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = JsonSerializer.Deserialize<JsonElement>(await created.Content.ReadAsStringAsync());
        Assert.Equal(d.Clock.Now.AddDays(3), item.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("xiaoli", item.GetProperty("owner").GetString());
        var id = item.GetProperty("id").GetString();

        d.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await AfterSalesDashboard.SignInAgainAsync(agent, "xiaoli");
        Assert.Empty(await ListAsync(agent, "?overdue=true"));
        Assert.Single(await ListAsync(agent));

        d.Clock.Advance(TimeSpan.FromMinutes(2));
        var overdue = Assert.Single(await ListAsync(agent, "?overdue=true"));
        Assert.Equal(id, overdue.GetProperty("id").GetString());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());

        var done = await agent.PostAsJsonAsync($"api/follow-ups/{id}/result", new { result = "满意", notes = "已收到" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Empty(await ListAsync(agent, "?overdue=true"));
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"api/follow-ups/{id}/result", new { result = "一般" })).StatusCode);

        var stats = await d.Db.HashGetAllAsync(FollowUpKeys.DailyStats(DateOnly.FromDateTime(d.Clock.Now.UtcDateTime)));
        var h = stats.ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(1, h["done"]);
        Assert.False(h.ContainsKey("onTime"));
        var doneList = await ListAsync(agent, "?status=done");
        Assert.Equal("满意", Assert.Single(doneList).GetProperty("result").GetString());
    }

    [Fact]
    public async Task AResultBeforeTheDueTimeCountsAsOnTimeAndBadResultsAreRefused()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var item = JsonSerializer.Deserialize<JsonElement>(await (await agent.PostAsJsonAsync("api/follow-ups",
            new { subject = "回访", dueAt = d.Clock.Now.AddHours(2) })).Content.ReadAsStringAsync());
        var id = item.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync($"api/follow-ups/{id}/result", new { result = "很好" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync("api/follow-ups", new { subject = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync("api/follow-ups", new { subject = "x", dueAt = d.Clock.Now.AddDays(-1) })).StatusCode);

        d.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"api/follow-ups/{id}/result", new { result = "不满意", notes = "仍有划痕" })).StatusCode);

        var h = (await d.Db.HashGetAllAsync(FollowUpKeys.DailyStats(DateOnly.FromDateTime(d.Clock.Now.UtcDateTime))))
            .ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(1, h["done"]);
        Assert.Equal(1, h["onTime"]);
    }

    [Fact]
    public async Task AgentsSeeTheirOwnAndUnownedItemsSupervisorsSeeAllAndAssign()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var li = await d.AgentAsync("xiaoli");
        var wang = await d.AgentAsync("xiaowang");
        var boss = await d.SupervisorAsync();
        await li.PostAsJsonAsync("api/follow-ups", new { subject = "李的回访" });
        Assert.Equal(HttpStatusCode.Forbidden, (await li.PostAsJsonAsync("api/follow-ups", new { subject = "给王", owner = "xiaowang" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await boss.PostAsJsonAsync("api/follow-ups", new { subject = "给谁", owner = "nobody" })).StatusCode);
        var assigned = await boss.PostAsJsonAsync("api/follow-ups", new { subject = "王的回访", owner = "xiaowang" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var wangsId = JsonSerializer.Deserialize<JsonElement>(await assigned.Content.ReadAsStringAsync()).GetProperty("id").GetString();

        Assert.Equal(["李的回访"], (await ListAsync(li)).Select(f => f.GetProperty("subject").GetString()));
        Assert.Equal(["王的回访"], (await ListAsync(wang)).Select(f => f.GetProperty("subject").GetString()));
        Assert.Equal(2, (await ListAsync(boss)).Count);
        Assert.Single(await ListAsync(boss, "?owner=xiaowang"));
        Assert.Equal(HttpStatusCode.Forbidden, (await li.PostAsJsonAsync($"api/follow-ups/{wangsId}/result", new { result = "满意" })).StatusCode);
    }

    [Fact]
    public async Task AMessageLeftOutsideHoursBecomesOneUnownedCaseDueInThreeDaysThatAnyAgentCanTake()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var li = await d.AgentAsync("xiaoli");
        var wang = await d.AgentAsync("xiaowang");
        var leftAt = d.Clock.Now.AddHours(-10);
        var entryId = await HandoffStreams.AppendAsync(d.Db, new HandoffEvent
        {
            Kind = HandoffEventKinds.CaseLeft, ConversationId = "conv-night", At = leftAt, CustomerName = "夜猫子",
            Text = "<b>衣服尺码不对</b>，想换大一号", Note = "电话 138 0000 0000",
        });

        await Eventually.TrueAsync(async () => (await ListAsync(li, "?kind=case")).Count == 1, TimeSpan.FromSeconds(15), "case created from CaseLeft");
        var item = Assert.Single(await ListAsync(wang, "?kind=case"));
        Assert.Equal("<b>衣服尺码不对</b>，想换大一号", item.GetProperty("message").GetString());
        Assert.Equal("电话 138 0000 0000", item.GetProperty("contact").GetString());
        Assert.Equal(leftAt.AddDays(3), item.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("owner").ValueKind);

        // The same entry delivered again (another instance claimed it) changes nothing.
        var sink = d.App.Service<IEnumerable<IHandoffEventSink>>().OfType<CaseIntake>().Single();
        await sink.HandleAsync(new HandoffStreamEntry("to-dashboard", entryId, new HandoffEvent
        {
            Kind = HandoffEventKinds.CaseLeft, ConversationId = "conv-night", At = leftAt, Text = "again",
        }), CancellationToken.None);
        Assert.Single(await ListAsync(li, "?kind=case"));

        var id = item.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await wang.PostAsync($"api/follow-ups/{id}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await li.PostAsync($"api/follow-ups/{id}/claim", null)).StatusCode);
        Assert.Empty(await ListAsync(li, "?kind=case"));

        d.Clock.Now = leftAt.AddDays(3).AddSeconds(1);
        await AfterSalesDashboard.SignInAgainAsync(wang, "xiaowang");
        Assert.Single(await ListAsync(wang, "?overdue=true"));
        Assert.Equal(HttpStatusCode.OK, (await wang.PostAsJsonAsync($"api/follow-ups/{id}/result", new { result = "一般", notes = "已换货" })).StatusCode);
        Assert.Empty(await ListAsync(wang, "?overdue=true"));
    }

    [Fact]
    public async Task TheDueTimeIsConfigurable()
    {
        await using var d = await AfterSalesDashboard.StartAsync(null, "--FollowUps:DueAfter=1.00:00:00");
        var agent = await d.AgentAsync();
        var item = JsonSerializer.Deserialize<JsonElement>(await (await agent.PostAsJsonAsync("api/follow-ups", new { subject = "回访" })).Content.ReadAsStringAsync());
        Assert.Equal(d.Clock.Now.AddDays(1), item.GetProperty("dueAt").GetDateTimeOffset());
    }
}

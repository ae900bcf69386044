using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.FollowUps;

/// <summary>Follow-up programmes on a real dashboard and redis-server: group, one follow-up each within three days, balance, results, report.</summary>
public sealed class ProgrammeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AMembersProgrammeCreatesOneFollowUpPerMemberAndReportsWhatCameOfIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var a1 = await host.AgentAsync("a1", online: false);
        var a2 = await host.AgentAsync("a2", online: false);
        string[] members = ["shopper-m1", "shopper-m2", "shopper-m3"];
        foreach (var (m, i) in members.Select((m, i) => (m, i))) await host.Bot.EscalateAsync("c-" + i, HandoffReason.Human, "会员" + i, customerId: m);
        await host.Bot.EscalateAsync("c-x", HandoffReason.Human, "路人", customerId: "dl_walkin");
        await Eventually.TrueAsync(async () => (await admin.Http.GetFromJsonAsync<JsonElement[]>("api/customers"))!.Length == 4, Timeout, "profiles built");
        foreach (var m in members) await admin.Http.PutAsJsonAsync("api/customers/" + m, new { memberLevel = "金卡", phone = "13800000000" });
        // m3 is a2's customer: a2 calls them; the other two go by the balance rule.
        await admin.Http.PostAsJsonAsync("api/customers/shopper-m3/assign", new { agentId = "a2" });

        Assert.Equal(HttpStatusCode.Forbidden, (await a1.Http.PostAsJsonAsync("api/follow-up-programmes", new { name = "x", group = "members" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync("api/follow-up-programmes", new { name = "x", group = "everyone" })).StatusCode);
        var created = await admin.Http.PostAsJsonAsync("api/follow-up-programmes", new { name = "金卡会员回访", group = "members", memberLevel = "金卡" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var programme = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, programme.GetProperty("followUps").GetInt32());
        var id = programme.GetProperty("id").GetString();

        var items = (await admin.Http.GetFromJsonAsync<JsonElement[]>("api/follow-ups"))!.Where(f => f.GetProperty("programmeId").GetString() == id).ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, f => Assert.InRange(f.GetProperty("dueAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(3).AddMinutes(-2), DateTimeOffset.UtcNow.AddDays(3).AddMinutes(2)));
        var owners = items.ToDictionary(f => f.GetProperty("customerId").GetString()!, f => f.GetProperty("owner").GetString());
        Assert.Equal("a2", owners["shopper-m3"]);
        // a2 carries m3, so the balance gives a1 one, then ties a1/a2 at one each and goes by id: a1 has two, a2 one.
        Assert.Equal(2, owners.Values.Count(o => o == "a1"));

        var a1Item = items.First(f => f.GetProperty("owner").GetString() == "a1").GetProperty("id").GetString();
        var a2Item = items.Single(f => f.GetProperty("owner").GetString() == "a2").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await a2.Http.PostAsJsonAsync($"api/follow-ups/{a1Item}/result", new { result = "满意" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a1.Http.PostAsJsonAsync($"api/follow-ups/{a1Item}/result", new { result = "满意", notes = "=物流很快" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a2.Http.PostAsJsonAsync($"api/follow-ups/{a2Item}/result", new { result = "不满意", notes = "杯盖漏水" })).StatusCode);

        var report = await admin.Http.GetFromJsonAsync<JsonElement>($"api/follow-up-programmes/{id}/report?format=json");
        Assert.Equal(3, report.GetProperty("total").GetInt32());
        Assert.Equal(2, report.GetProperty("reached").GetInt32());
        var outcomes = report.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("result").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["满意"] = 1, ["一般"] = 0, ["不满意"] = 1 }, outcomes);
        Assert.Contains(report.GetProperty("lines").EnumerateArray(), l => l.GetProperty("resultNotes").GetString() == "杯盖漏水");
        var csv = await admin.Http.GetStringAsync($"api/follow-up-programmes/{id}/report?format=csv");
        Assert.Contains("杯盖漏水", csv);
        Assert.Contains("'=物流很快", csv); // a formula-looking note opens as text
        Assert.Equal(HttpStatusCode.Forbidden, (await a1.Http.GetAsync($"api/follow-up-programmes/{id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("api/follow-up-programmes/FP9999/report")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Http.PostAsJsonAsync("api/follow-up-programmes", new { name = "空", group = "members", memberLevel = "钻石" })).StatusCode);
    }
}

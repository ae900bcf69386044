using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Sales;

/// <summary>
/// GET /api/reports/sales: by default per-agent totals, the team and the team's days (what the page draws), without agent-day rows;
/// those with &amp;detail=day or for one agent with &amp;agent=; the CSV always complete. Real dashboard, real redis-server.
/// </summary>
public sealed class SalesReportShapeTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Fact]
    public async Task TheDefaultShapeHasTotalsAndTeamDaysAndAgentDaysComeOnRequestWhileTheCsvIsComplete()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        var li = await host.AgentAsync("li");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yesterday = today.AddDays(-1);
        var db = host.Connection.GetDatabase();
        foreach (var (day, scale) in new[] { (yesterday, 1), (today, 2) })
        {
            await db.HashSetAsync(SalesKeys.Daily(day),
            [
                new(SalesMetrics.Field("li", SalesMetrics.Served), 10 * scale), new(SalesMetrics.Field("li", SalesMetrics.Buyers), 4 * scale),
                new(SalesMetrics.Field("li", SalesMetrics.Orders), 4 * scale), new(SalesMetrics.Field("li", SalesMetrics.Amount), 40_000 * scale),
                new(SalesMetrics.Field("wang", SalesMetrics.Served), 10), new(SalesMetrics.Field("wang", SalesMetrics.Buyers), 1),
                new(SalesMetrics.Field("wang", SalesMetrics.Orders), 1), new(SalesMetrics.Field("wang", SalesMetrics.Amount), 5_000),
                new(SalesMetrics.Field("store", SalesMetrics.Orders), 10), new(SalesMetrics.Field("store", SalesMetrics.Amount), 100_000),
                new(SalesMetrics.Field("store", SalesMetrics.Items), 20),
            ]);
            await db.HashSetAsync(ReportKeys.AgentDaily(day), [new("li|frt_ms", 30_000), new("li|frt_n", 2), new("li|art_ms", 60_000), new("li|art_n", 3), new("li|handled", 5)]);
        }
        var range = $"from={yesterday:yyyy-MM-dd}&to={today:yyyy-MM-dd}";

        var light = await Json(await admin.Http.GetAsync($"api/reports/sales?{range}"));
        Assert.Equal("agent", light.GetProperty("detail").GetString());
        Assert.False(light.TryGetProperty("days", out _));
        var agents = light.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agentId").GetString()!);
        Assert.Equal(["li", "wang"], agents.Keys.Order());
        Assert.Equal(30, agents["li"].GetProperty("served").GetInt64());
        Assert.Equal(1200m, agents["li"].GetProperty("sales").GetDecimal());
        Assert.Equal(0.4, agents["li"].GetProperty("conversionRate").GetDouble());
        Assert.Equal(15.0, agents["li"].GetProperty("firstResponseSeconds").GetDouble()); // 60 s over 4 first responses
        Assert.Equal(20.0, agents["li"].GetProperty("averageResponseSeconds").GetDouble());
        var teamDays = light.GetProperty("teamDays").EnumerateArray().ToList();
        Assert.Equal([yesterday.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd")], teamDays.Select(d => d.GetProperty("day").GetString()));
        Assert.Equal(850m, teamDays[1].GetProperty("sales").GetDecimal()); // 800 + 50
        Assert.Equal(1300m, light.GetProperty("team").GetProperty("sales").GetDecimal());
        Assert.Equal(2, light.GetProperty("storeDays").GetArrayLength());

        var detailed = await Json(await admin.Http.GetAsync($"api/reports/sales?{range}&detail=day"));
        Assert.Equal("day", detailed.GetProperty("detail").GetString());
        Assert.Equal(["li", "wang", "li", "wang"], detailed.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("agentId").GetString()));
        Assert.Equal(agents["li"].GetProperty("sales").GetDecimal(), detailed.GetProperty("agents")[0].GetProperty("sales").GetDecimal());

        var oneAgent = await Json(await admin.Http.GetAsync($"api/reports/sales?{range}&agent=wang"));
        Assert.Equal(["wang", "wang"], oneAgent.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("agentId").GetString()));
        Assert.Equal(["wang"], oneAgent.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()));
        Assert.Equal(1300m, oneAgent.GetProperty("team").GetProperty("sales").GetDecimal());

        // An agent asking for another agent's days gets their own.
        var own = await Json(await li.Http.GetAsync($"api/reports/sales?{range}&agent=wang"));
        Assert.Equal(["li", "li"], own.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("agentId").GetString()));

        var csv = (await admin.Http.GetStringAsync($"api/reports/sales?{range}&format=csv")).Split("\r\n");
        foreach (var day in new[] { yesterday, today })
            foreach (var agent in new[] { "li", "wang" })
                Assert.Contains(csv, line => line.StartsWith($"{day:yyyy-MM-dd},{agent},", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"api/reports/sales?{range}&detail=everything")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"api/reports/sales?{range}&format=xml")).StatusCode);
    }
}

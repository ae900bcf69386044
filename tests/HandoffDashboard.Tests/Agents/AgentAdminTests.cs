using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Agents;

public sealed class AgentAdminTests
{
    [Fact]
    public async Task AdminCreatesAgentsWithRolesSkillsAndLimitsAndAgentsCannot()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();

        var created = await admin.Http.PostAsJsonAsync("api/agents", new
        {
            userName = "Zhao", displayName = "小赵", password = "long-enough-1", roles = new[] { "agent", "supervisor" },
            skills = new[] { "complaints" }, maxConcurrentChats = 3,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsJsonAsync("api/agents", new
        {
            userName = "zhao", displayName = "重名", password = "long-enough-1",
        })).StatusCode);
        var bad = await admin.Http.PostAsJsonAsync("api/agents", new
        {
            userName = "x y", displayName = "", password = "short", roles = new[] { "god" }, skills = new[] { "magic" }, maxConcurrentChats = 99,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["displayName", "maxConcurrentChats", "password", "roles", "skills", "userName"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        var list = await admin.Http.GetFromJsonAsync<JsonElement>("api/agents");
        var zhao = list.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "zhao");
        Assert.Equal("小赵", zhao.GetProperty("displayName").GetString());
        Assert.Equal(3, zhao.GetProperty("maxConcurrentChats").GetInt32());
        Assert.Equal(["complaints"], zhao.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));

        var agent = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "zhao", "long-enough-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("api/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsJsonAsync("api/agents", new { userName = "evil" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync("api/agents/directory")).StatusCode);

        var updated = await admin.Http.PutAsJsonAsync("api/agents/zhao", new { skills = new[] { "general", "after-sales" }, maxConcurrentChats = 6 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await admin.Http.GetFromJsonAsync<JsonElement>("api/agents")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == "zhao");
        Assert.Equal(6, after.GetProperty("maxConcurrentChats").GetInt32());
    }

    [Fact]
    public async Task AgentsSetThemselvesOnlineOrAwayAndTheBotSeesOnlineAgents()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        var db = host.Connection.GetDatabase();

        await agent.SetStatusAsync("online");
        Assert.True(await db.SetContainsAsync(HandoffContract.HandoffKeys.OnlineAgents, "li"));
        Assert.Contains("online", await agent.Http.GetStringAsync("api/agents/me/status"));

        await agent.SetStatusAsync("away");
        Assert.False(await db.SetContainsAsync(HandoffContract.HandoffKeys.OnlineAgents, "li"));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PutAsJsonAsync("api/agents/me/status", new { status = "sleeping" })).StatusCode);
    }

    [Fact]
    public async Task StateChangingCallsWithoutTheAntiforgeryTokenAreRefused()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        agent.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var accept = await agent.AcceptAsync("c-1");
        var status = await agent.Http.PutAsJsonAsync("api/agents/me/status", new { status = "online" });

        Assert.Equal(HttpStatusCode.BadRequest, accept.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await accept.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Single(await agent.QueueAsync());
        await agent.RefreshCsrfAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.AcceptAsync("c-1")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocumentListsTheIssueRoutes()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = host.Dashboard.CreateClient();
        var admin = await host.AdminAsync();

        var doc = await admin.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in new[]
                 {
                     "/api/auth/login", "/api/auth/logout", "/api/queue", "/api/conversations/mine", "/api/conversations/{id}/accept",
                     "/api/conversations/{id}/messages", "/api/conversations/{id}/transcript", "/api/conversations/{id}/transfer",
                     "/api/conversations/{id}/close", "/api/agents/me/status", "/api/agents",
                 })
        {
            Assert.Contains(route, paths);
        }
    }
}

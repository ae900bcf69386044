using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

/// <summary>A session cookie stops working once the account's roles, password or disabled flag change.</summary>
public sealed class SessionRevalidationTests
{
    [Fact]
    public async Task ADemotedSupervisorsOldCookieNoLongerOpensSupervisorPagesOrAnything()
    {
        await using var host = await DashboardHost.StartAsync(1, false, "--Dashboard:SignIn:RevalidateSeconds=0");
        var supervisor = await host.AgentAsync("boss2", roles: ["supervisor"], online: false);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Http.GetAsync("api/conversations/active")).StatusCode);
        var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("api/agents/boss2", new { roles = new[] { "agent" } })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await supervisor.Http.GetAsync("api/conversations/active")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await supervisor.Http.GetAsync("api/auth/me")).StatusCode);
        // Signing in again gives a session with the new role.
        var again = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "boss2", DashboardHost.AgentPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.Http.GetAsync("api/conversations/active")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("api/auth/me")).StatusCode);
        // A change that is not about access (display name) ends nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("api/agents/boss2", new { displayName = "新名字" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task APasswordChangeEndsTheSessionsIssuedBefore()
    {
        await using var host = await DashboardHost.StartAsync(1, false, "--Dashboard:SignIn:RevalidateSeconds=0");
        var agent = await host.AgentAsync("xiaoli", online: false);
        var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("api/agents/xiaoli", new { password = "brand-new-pass-1" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.GetAsync("api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.GetAsync("api/queue")).StatusCode);
        await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "xiaoli", "brand-new-pass-1");
    }

    [Fact]
    public async Task ADisabledAccountLosesItsSessionsAndCannotSignInUntilEnabled()
    {
        await using var host = await DashboardHost.StartAsync(2, false, "--Dashboard:SignIn:RevalidateSeconds=0");
        var agent = await host.AgentAsync("xiaoli", online: false);
        var onSecondInstance = agent.On(host.Instances[1].BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await onSecondInstance.Http.GetAsync("api/auth/me")).StatusCode);
        var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsync("api/agents/xiaoli/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsync("api/agents/admin/disable", null)).StatusCode);

        var disabled = await admin.Http.PostAsync("api/agents/xiaoli/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("\"disabled\":true", await disabled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.GetAsync("api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecondInstance.Http.GetAsync("api/auth/me")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };
        var refused = await anonymous.PostAsJsonAsync("api/auth/login", new { userName = "xiaoli", password = DashboardHost.AgentPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("用户名或密码错误", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync("api/agents/xiaoli/enable", null)).StatusCode);
        await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "xiaoli", DashboardHost.AgentPassword);
    }

    [Fact]
    public async Task ADisabledAgentsOpenPageIsDisconnectedFromTheHub()
    {
        await using var host = await DashboardHost.StartAsync(1, false, "--Dashboard:SignIn:RevalidateSeconds=0");
        var agent = await host.AgentAsync("xiaoli", online: false);
        await using var page = await agent.ConnectHubAsync();
        await page.InvokeAsync("Unwatch", "no-such-chat");
        var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync("api/agents/xiaoli/disable", null)).StatusCode);

        // A page that only listens is closed by the periodic re-check; it hears no new chats.
        await ChatSupport.TestSupport.Eventually.TrueAsync(() => page.Closed, TimeSpan.FromSeconds(10), "hub connection closed");
        await Assert.ThrowsAnyAsync<Exception>(() => page.InvokeAsync("Unwatch", "no-such-chat"));
    }

    [Fact]
    public async Task WithTheDefaultIntervalAChangeEndsTheSessionWithinAMinute()
    {
        // Default Dashboard:SignIn:RevalidateSeconds (30): what an instance read is trusted until then.
        await using var d = await AfterSalesDashboard.StartAsync();
        var supervisor = await d.SupervisorAsync("boss3");
        var admin = await d.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/conversations/active")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("api/agents/boss3", new { roles = new[] { "agent" } })).StatusCode);
        d.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await supervisor.GetAsync("api/conversations/active")).StatusCode);
    }
}

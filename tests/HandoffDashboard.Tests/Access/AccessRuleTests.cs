using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Access;

/// <summary>
/// The one access rule (ConversationAccess) everywhere a chat's content can come out, probed as an agent who
/// wants another agent's chat: each answer is refused or leaves the chat out, and its text never appears.
/// </summary>
public sealed class AccessRuleTests
{
    private const string Phone = "13812345678";

    private static async Task<DashboardHost> WithTwoAgentsAsync()
    {
        var host = await DashboardHost.StartAsync();
        await host.AgentAsync("owner", online: false);
        await host.AgentAsync("other", online: false);
        return host;
    }

    [Fact]
    public async Task AnAgentCannotPrefillAComplaintFromAnotherAgentsChat()
    {
        await using var host = await WithTwoAgentsAsync();
        var owner = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "owner", DashboardHost.AgentPassword);
        var other = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "other", DashboardHost.AgentPassword);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Complaint, history: [(TranscriptSenders.Customer, $"我的电话是 {Phone}，杯子碎了")]);
        Assert.Equal(HttpStatusCode.OK, (await owner.AcceptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.TranscriptAsync("c-1")).StatusCode);

        var probe = await other.Http.PostAsJsonAsync("api/complaints", new { conversationId = "c-1" });

        Assert.Equal(HttpStatusCode.Forbidden, probe.StatusCode);
        Assert.DoesNotContain(Phone, await probe.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.Connection.GetDatabase().SortedSetLengthAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.ByOpenedAt));
        // The holder and a supervisor may.
        Assert.Equal(HttpStatusCode.Created, (await owner.Http.PostAsJsonAsync("api/complaints", new { conversationId = "c-1" })).StatusCode);
        var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync("api/complaints", new { conversationId = "c-1" })).StatusCode);
        // A transcript with no conversation record: nobody can tell whose it is, so not for agents.
        await host.Bot.AppendTranscriptAsync("orphan", TranscriptSenders.Customer, "张三", Phone, DateTimeOffset.UtcNow);
        var orphan = await other.Http.PostAsJsonAsync("api/complaints", new { conversationId = "orphan" });
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.DoesNotContain(Phone, await orphan.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ComplaintsShowAnAgentTheChatLinesOnlyOfChatsTheyMayRead()
    {
        await using var host = await WithTwoAgentsAsync();
        var owner = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "owner", DashboardHost.AgentPassword);
        var other = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "other", DashboardHost.AgentPassword);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Complaint, history: [(TranscriptSenders.Customer, $"我的电话是 {Phone}")]);
        await owner.AcceptAsync("c-1");
        var admin = await host.AdminAsync();
        var opened = await admin.Http.PostAsJsonAsync("api/complaints", new { conversationId = "c-1", summary = "杯子碎了" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = JsonSerializer.Deserialize<JsonElement>(await opened.Content.ReadAsStringAsync()).GetProperty("complaint").GetProperty("id").GetString()!;

        var otherList = await other.Http.GetStringAsync("api/complaints");
        var otherDetail = await other.Http.GetStringAsync($"api/complaints/{id}");

        // The complaint itself is there for the team; the chat's lines are not.
        Assert.Contains(id, otherList);
        Assert.Contains("杯子碎了", otherDetail);
        Assert.DoesNotContain(Phone, otherList);
        Assert.DoesNotContain(Phone, otherDetail);
        Assert.Contains(Phone, await owner.Http.GetStringAsync("api/complaints"));
        Assert.Contains(Phone, await owner.Http.GetStringAsync($"api/complaints/{id}"));
        Assert.Contains(Phone, await admin.Http.GetStringAsync($"api/complaints/{id}"));
    }

    [Fact]
    public async Task EarlierConversationsLeaveOutTheShoppersChatAnotherAgentHolds()
    {
        await using var host = await WithTwoAgentsAsync();
        var owner = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "owner", DashboardHost.AgentPassword);
        var other = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "other", DashboardHost.AgentPassword);
        // The same shopper in two chats: one with "other" (phone number in it), one now with "owner".
        await host.Bot.EscalateAsync("c-other", HandoffReason.Human, customerId: "shopper-1", escalatedAt: DateTimeOffset.UtcNow.AddMinutes(-10),
            history: [(TranscriptSenders.Customer, $"电话 {Phone}")]);
        await other.AcceptAsync("c-other");
        await host.Bot.EscalateAsync("c-mine", HandoffReason.Human, customerId: "shopper-1");
        await owner.AcceptAsync("c-mine");

        var earlier = await owner.Http.GetStringAsync("api/conversations/c-mine/earlier");
        Assert.DoesNotContain("c-other", earlier);
        Assert.DoesNotContain(Phone, earlier);
        // A supervisor sees it; once it is closed it is the shopper's history, and the agent serving them sees it.
        var admin = await host.AdminAsync();
        Assert.Contains(Phone, await admin.Http.GetStringAsync("api/conversations/c-mine/earlier"));
        Assert.Equal(HttpStatusCode.OK, (await other.CloseAsync("c-other")).StatusCode);
        Assert.Contains(Phone, await owner.Http.GetStringAsync("api/conversations/c-mine/earlier"));
        // Still not readable directly: it was another agent's chat.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.TranscriptAsync("c-other")).StatusCode);
        // And an agent who may not see the current chat gets nothing of its shopper's history.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/conversations/c-mine/earlier")).StatusCode);
    }

    [Fact]
    public async Task AClosedChatsPreviousOwnerNoLongerHearsItOnceSomeoneElseHasIt()
    {
        await using var host = await WithTwoAgentsAsync();
        var owner = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "owner", DashboardHost.AgentPassword);
        var other = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "other", DashboardHost.AgentPassword);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await owner.AcceptAsync("c-1");
        await using var ownerPage = await owner.ConnectHubAsync();
        await using var otherPage = await other.ConnectHubAsync();
        // An invocation is answered after the connection's start (its groups joined). Not Watch: a watcher is
        // dropped when someone else takes the chat, and this is about the owner's own group membership.
        await ownerPage.InvokeAsync("Unwatch", "no-such-chat");
        await otherPage.InvokeAsync("Unwatch", "no-such-chat");
        await host.Bot.CustomerSaysAsync("c-1", "第一句");
        await ownerPage.WaitForAsync("ConversationMessage", m => m.GetProperty("text").GetString() == "第一句");

        await owner.CloseAsync("c-1");
        await ownerPage.WaitForAsync("ConversationUpdated", n => n.GetProperty("kind").GetString() == HandoffEventKinds.ConversationClosed);
        // The survey of their own chat still reaches them.
        await host.Bot.AppendAsync(new HandoffEvent { Kind = HandoffEventKinds.SurveyAnswered, ConversationId = "c-1", Text = "满意" });
        await ownerPage.WaitForAsync("ConversationUpdated", n => n.GetProperty("kind").GetString() == HandoffEventKinds.SurveyAnswered);
        // The shopper comes back, another agent takes the chat, and the shopper gives an address.
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await other.AcceptAsync("c-1");
        await otherPage.WaitForAsync("AssignmentChanged");
        await host.Bot.CustomerSaysAsync("c-1", "地址是幸福路 8 号");
        await otherPage.WaitForAsync("ConversationMessage", m => m.GetProperty("text").GetString() == "地址是幸福路 8 号");
        await Task.Delay(300);

        Assert.DoesNotContain(ownerPage.Received, m => m.Target == "ConversationMessage" && m.Arg().GetProperty("text").GetString() == "地址是幸福路 8 号");
        await host.Bot.CustomerTypingAsync("c-1");
        await otherPage.WaitForAsync("Typing");
        await Task.Delay(200);
        Assert.DoesNotContain(ownerPage.Received, m => m.Target == "Typing");
    }

    [Fact]
    public async Task ReportsAndExportsGiveAnAgentOnlyTheirOwnFigures()
    {
        await using var host = await WithTwoAgentsAsync();
        var owner = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "owner", DashboardHost.AgentPassword);
        var other = await DashboardClient.SignInAsync(host.Dashboard.BaseAddress, "other", DashboardHost.AgentPassword);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await owner.AcceptAsync("c-1");
        var admin = await host.AdminAsync();
        await ChatSupport.TestSupport.Eventually.TrueAsync(async () => (await admin.Http.GetStringAsync("api/reports/agents?agent=owner")).Contains("\"owner\""),
            TimeSpan.FromSeconds(15), "the owner's figures are indexed");

        var report = JsonSerializer.Deserialize<JsonElement>(await other.Http.GetStringAsync("api/reports/agents?agent=owner"));
        Assert.All(report.GetProperty("agents").EnumerateArray(), r => Assert.Equal("other", r.GetProperty("agentId").GetString()));
        Assert.DoesNotContain("owner", await other.Http.GetStringAsync("api/reports/agents?agent=owner&format=csv"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/reports/complaints")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/reports/bot?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/conversations/active")).StatusCode);
    }
}

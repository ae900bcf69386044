using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

/// <summary>The agent hub through the real .NET SignalR client (negotiate, WebSockets, JSON protocol), as the pages use it.</summary>
public sealed class AgentHubTests
{
    [Fact]
    public async Task HubPushesQueueMessagesTypingAndAssignmentsToTheRightPages()
    {
        await using var host = await DashboardHost.StartAsync();
        var owner = await host.AgentAsync("owner", online: false);
        var other = await host.AgentAsync("other", online: false);
        await using var ownerPage = await owner.ConnectHubAsync();
        await using var otherPage = await other.ConnectHubAsync();

        await host.Bot.EscalateAsync("c-1", HandoffReason.Complaint);
        await ownerPage.WaitForAsync("QueueChanged", n => n.GetProperty("change").GetString() == "added");
        await otherPage.WaitForAsync("QueueChanged", n => n.GetProperty("change").GetString() == "added");

        // While it waits, any agent may open it.
        await otherPage.InvokeAsync("Watch", "c-1");
        await host.Bot.CustomerSaysAsync("c-1", "有人吗");
        await otherPage.WaitForAsync("ConversationMessage", m => m.GetProperty("text").GetString() == "有人吗");

        await owner.AcceptAsync("c-1");
        await otherPage.WaitForAsync("ConversationUpdated", n => n.GetProperty("kind").GetString() == "AgentJoined");
        var assigned = await ownerPage.WaitForAsync("AssignmentChanged");
        Assert.Equal("owner", assigned.Arg().GetProperty("agentId").GetString());
        await otherPage.WaitForAsync("QueueChanged", n => n.GetProperty("change").GetString() == "removed");

        await host.Bot.CustomerTypingAsync("c-1");
        var typing = await ownerPage.WaitForAsync("Typing");
        Assert.Equal("customer", typing.Arg().GetProperty("sender").GetString());

        await host.Bot.CustomerSaysAsync("c-1", "我要投诉");
        var message = await ownerPage.WaitForAsync("ConversationMessage");
        Assert.Equal("我要投诉", message.Arg().GetProperty("text").GetString());
        Assert.EndsWith("|0000002", message.Arg().GetProperty("activityId").GetString());

        // The other agent stopped receiving the chat once it was taken, and may not watch it again.
        Assert.DoesNotContain(otherPage.Received, m => m.Target is "Typing" or "UnreadChanged"
            || (m.Target == "ConversationMessage" && m.Arg().GetProperty("text").GetString() != "有人吗"));
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => otherPage.InvokeAsync("Watch", "c-1"));
        Assert.Contains("无权查看", refused.Message);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => otherPage.InvokeAsync("Typing", "c-1"));
    }

    [Fact]
    public async Task AgentTypingIsPublishedForTheBot()
    {
        await using var host = await DashboardHost.StartAsync();
        var owner = await host.AgentAsync("owner", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await owner.AcceptAsync("c-1");
        await using var page = await owner.ConnectHubAsync();
        var heard = new TaskCompletionSource<HandoffEvent>();
        await host.Connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
            (_, value) => heard.TrySetResult(HandoffEvent.FromJson(value!)));

        await page.InvokeAsync("Typing", "c-1");

        var typing = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((HandoffEventKinds.AgentTyping, "c-1", "owner"), (typing.Kind, typing.ConversationId, typing.AgentId));
    }

    [Fact]
    public async Task AnonymousPagesCannotConnect()
    {
        await using var host = await DashboardHost.StartAsync();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            AgentHubPage.ConnectAsync(host.Dashboard.BaseAddress, new CookieContainer()));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}

using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class AcceptGreetingTests
{
    private sealed class NamedGreeting : IAcceptGreeting
    {
        public Task<string?> GreetingForAsync(string agentId, string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult<string?>($"您好，我是{agentId}，很高兴为您服务。");
    }

    [Fact]
    public async Task ARegisteredGreetingIsSentAsTheAgentsFirstMessageAfterJoining()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(
            args => DashboardApplication.Build(args, builder => builder.Services.AddSingleton<IAcceptGreeting, NamedGreeting>()),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123");
        using var connection = redis.Connect();
        var bot = new BotPlayer(connection);
        var admin = await DashboardClient.SignInAsync(dashboard.BaseAddress, "admin", "admin-pass-123");
        await bot.EscalateAsync("c-1", HandoffReason.Human);

        await admin.AcceptAsync("c-1");

        var events = await bot.ConsumeAsync();
        Assert.Equal([HandoffEventKinds.AgentJoined, HandoffEventKinds.AgentReplied], events.Select(e => e.Kind));
        Assert.Equal("您好，我是admin，很高兴为您服务。", events[1].Text);
    }

    [Fact]
    public async Task WithoutAGreetingNothingIsSentOnAccept()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);

        await agent.AcceptAsync("c-1");

        Assert.Equal([HandoffEventKinds.AgentJoined], (await host.Bot.ConsumeAsync()).Select(e => e.Kind));
    }
}

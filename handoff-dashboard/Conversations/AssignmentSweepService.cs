using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// On every instance: ends grace periods that ran out (the agent's chats go back to the queue) and
/// auto-assigns waiting chats, when asked and at a fixed interval (a missed trigger costs at most one interval).
/// </summary>
internal sealed class AssignmentSweepService(
    AssignmentTrigger trigger,
    AgentConnections connections,
    ConversationStore store,
    ConversationAssignment assignment,
    AutoAssigner autoAssigner,
    RedisUserStore users,
    IOptions<AgentsOptions> agentsOptions,
    IOptions<ConversationOptions> options,
    ILogger<AssignmentSweepService> logger) : BackgroundService
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InstanceTimeToLive = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.SweepIntervalMilliseconds);
        var lastHeartbeat = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow - lastHeartbeat > HeartbeatEvery)
                {
                    await connections.HeartbeatAsync(InstanceTimeToLive);
                    // Not on the first pass: it runs at start-up, before this instance has seen a full heartbeat period.
                    if (lastHeartbeat != DateTime.MinValue)
                    {
                        foreach (var agent in await connections.ForgetDeadInstancesAsync((await users.ListAsync()).Select(u => u.Id), agentsOptions.Value.DisconnectGrace))
                        {
                            ConversationsLog.GraceStarted(logger, agent);
                        }
                    }
                    lastHeartbeat = DateTime.UtcNow;
                }
                await trigger.WaitAsync(interval, stoppingToken);
                await RequeueExpiredGraceAsync(stoppingToken);
                await autoAssigner.AssignWaitingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ConversationsLog.SweepFailed(logger, ex);
                await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RequeueExpiredGraceAsync(CancellationToken cancellationToken)
    {
        foreach (var agent in await connections.ClaimExpiredAsync(DateTimeOffset.UtcNow))
        {
            var count = 0;
            foreach (var conversation in await store.GetManyAsync(await store.AgentConversationIdsAsync(agent)))
            {
                if (conversation.Status == ConversationStatus.WithAgent && conversation.Assignee == agent
                    && await assignment.RequeueAsync(conversation, agent, "agent-disconnected", cancellationToken) == AssignmentOutcome.Done)
                {
                    count++;
                }
            }
            ConversationsLog.GraceExpired(logger, agent, count);
        }
    }
}

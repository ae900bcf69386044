using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// /hubs/agent: live updates for the dashboard pages. On connect a page joins its agent's group, the
/// all-agents group (queue changes) and the group of every chat the agent owns; it may watch other chats
/// it is allowed to see. Pages → server: Watch, Unwatch, Typing. Server → pages: <see cref="IAgentClient"/>.
/// </summary>
[Authorize]
public sealed class AgentHub(
    AgentConnections connections,
    ConversationStore store,
    ConversationGate gate,
    IConnectionMultiplexer redis,
    IOptions<AgentsOptions> agentsOptions,
    ILogger<AgentHub> logger) : Hub<IAgentClient>
{
    private string Me => SignedInAgent.From(Context.User!).Id;

    public override async Task OnConnectedAsync()
    {
        var me = Me;
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Agent(me));
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.AllAgents);
        if (SignedInAgent.From(Context.User!).IsSupervisor) await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Supervisors);
        await connections.ConnectedAsync(me, Context.ConnectionId);
        foreach (var id in await store.AgentConversationIdsAsync(me))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Conversation(id));
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        try
        {
            if (await connections.DisconnectedAsync(Me, Context.ConnectionId, agentsOptions.Value.DisconnectGrace))
            {
                ConversationsLog.GraceStarted(logger, Me);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ConversationsLog.HubCallFailed(logger, ex, nameof(OnDisconnectedAsync), Me);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Follow a chat's messages and typing (opening a queued chat to read it, or a supervisor looking on).</summary>
    public async Task Watch(string conversationId)
    {
        await RequireViewableAsync(conversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Conversation(conversationId));
        if (!SignedInAgent.From(Context.User!).IsSupervisor) connections.Watching(conversationId, Context.ConnectionId, Me);
    }

    public async Task Unwatch(string conversationId)
    {
        var conversation = await store.GetAsync(conversationId);
        // The owner keeps following their own chat whatever page they look at.
        if (conversation?.Assignee == Me && conversation.Status == ConversationStatus.WithAgent) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AgentGroups.Conversation(conversationId));
        connections.NotWatching(conversationId, Context.ConnectionId);
    }

    /// <summary>The agent is typing in a chat they own: relayed to the shopper by the bot (may be lost; it is only a hint).</summary>
    public async Task Typing(string conversationId)
    {
        var conversation = await store.GetAsync(conversationId);
        if (conversation is null || conversation.Assignee != Me || conversation.Status != ConversationStatus.WithAgent)
        {
            throw new HubException("只有负责该会话的客服可以发送输入状态。");
        }
        var me = SignedInAgent.From(Context.User!);
        var typing = new HandoffEvent
        {
            Kind = HandoffEventKinds.AgentTyping, ConversationId = conversationId, AgentId = me.Id, AgentName = me.Name,
        };
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel), typing.ToJson());
    }

    private async Task RequireViewableAsync(string conversationId)
    {
        var (visibility, _) = await gate.CheckAsync(SignedInAgent.From(Context.User!), conversationId);
        if (visibility == ConversationVisibility.NotFound) throw new HubException("会话不存在。");
        if (visibility == ConversationVisibility.Denied) throw new HubException("无权查看此会话。");
    }
}

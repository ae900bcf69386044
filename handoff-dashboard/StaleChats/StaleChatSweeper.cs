using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.StaleChats;

/// <summary>
/// One pass over every chat held by an agent: a chat whose agent is silent goes back to the queue (or on to the
/// next agent); a chat whose shopper is silent after the agent's answer is resolved with a farewell, then closed, so
/// the bot sends the survey (ConversationClosed). Every action goes through the existing status scripts
/// (<see cref="ConversationAssignment"/>: requeue, transfer, reply, close only from WithAgent by the holder), and one
/// instance at a time acts on a chat (<see cref="StaleChatKeys.ActionClaim"/>).
/// </summary>
public sealed class StaleChatSweeper(
    IConnectionMultiplexer redis,
    ConversationStore store,
    ConversationAssignment assignment,
    RedisUserStore users,
    AgentPresence presence,
    IPassedOverAgents passedOver,
    IOptions<StaleChatOptions> options,
    TimeProvider clock,
    ILogger<StaleChatSweeper> logger)
{
    public const string AgentSilentReason = "agent-silent";
    private const int TailLines = 50;
    private static readonly AgentRef System = new("system", "系统");

    /// <summary>Returns how many chats were acted on.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var acted = 0;
        foreach (var user in await users.ListAsync())
        {
            foreach (var conversation in await store.GetManyAsync(await store.AgentConversationIdsAsync(user.Id)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (conversation is not { Status: ConversationStatus.WithAgent, Assignee: { } owner } || owner != user.Id) continue;
                var now = clock.GetUtcNow();
                var lines = await store.TranscriptAsync(conversation.Id, -TailLines, -1);
                var verdict = IdleChatRule.Decide(lines, conversation.AcceptedAt ?? conversation.EscalatedAt ?? now, now, settings);
                if (verdict == IdleVerdict.Active) continue;
                if (!await ClaimAsync(conversation.Id)) continue;
                if (verdict == IdleVerdict.AgentSilent ? await AgentSilentAsync(conversation, owner, cancellationToken) : await ShopperSilentAsync(conversation, owner, lines, cancellationToken))
                {
                    acted++;
                }
            }
        }
        return acted;
    }

    private async Task<bool> ClaimAsync(string conversationId) =>
        await redis.GetDatabase().StringSetAsync(StaleChatKeys.ActionClaim(conversationId), "1", TimeSpan.FromSeconds(30), When.NotExists);

    private async Task<bool> AgentSilentAsync(ConversationSnapshot conversation, string owner, CancellationToken cancellationToken)
    {
        // Before the move: the assignment pass the requeue triggers (on any instance) must already skip the silent agent.
        await passedOver.AddAsync(conversation.Id, owner);
        if (options.Value.AgentSilentAction == AgentSilentAction.NextAgent && await NextAgentAsync(conversation.Id) is { } next)
        {
            var moved = await assignment.TransferAsync(conversation.Id, owner, next, "原客服长时间未回复，已自动转给您", System, cancellationToken);
            if (moved == AssignmentOutcome.Done)
            {
                StaleChatsLog.HandedOn(logger, conversation.Id, owner, next.Id);
                return true;
            }
        }
        // The bot tells the shopper their place in the queue; supervisors get the requeue with its reason (HandoffEventDispatcher).
        var outcome = await assignment.RequeueAsync(conversation, owner, AgentSilentReason, cancellationToken);
        if (outcome == AssignmentOutcome.Done) StaleChatsLog.Requeued(logger, conversation.Id, owner);
        return outcome == AssignmentOutcome.Done;
    }

    /// <summary>The least busy online agent with room who has not gone silent on this chat before (its previous holders included).</summary>
    private async Task<AgentRef?> NextAgentAsync(string conversationId)
    {
        var online = await presence.OnlineAsync();
        var except = await passedOver.OfAsync(conversationId);
        var candidates = (await users.ListAsync()).Where(u => !except.Contains(u.Id) && !u.Disabled && online.Contains(u.Id)).ToList();
        if (candidates.Count == 0) return null;
        var loads = await presence.LoadsAsync(candidates.Select(c => c.Id));
        var next = candidates.Where(c => loads[c.Id] < c.MaxConcurrentChats).OrderBy(c => loads[c.Id]).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        return next is null ? null : new AgentRef(next.Id, next.DisplayName);
    }

    private async Task<bool> ShopperSilentAsync(ConversationSnapshot conversation, string owner, IReadOnlyList<TranscriptEntry> lines, CancellationToken cancellationToken)
    {
        var holder = new AgentRef(owner, conversation.AssigneeName ?? owner);
        // One id per silence (the agent's last line): a second pass, or another instance, never says farewell twice.
        var lastAgentLine = lines.LastOrDefault(l => l.Sender == TranscriptSenders.Agent)?.ActivityId ?? "none";
        var farewell = await assignment.ReplyAsync(conversation.Id, holder, options.Value.Farewell, $"stale-farewell:{conversation.Id}:{lastAgentLine}", cancellationToken);
        if (farewell is not (AssignmentOutcome.Done or AssignmentOutcome.Duplicate)) return false;
        var closed = await assignment.CloseAsync(conversation.Id, owner, System, cancellationToken);
        if (closed == AssignmentOutcome.Done) StaleChatsLog.Resolved(logger, conversation.Id, owner);
        return closed == AssignmentOutcome.Done;
    }
}

using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Hands waiting chats, first in queue order, to the least-loaded online agent with the needed skill and room
/// under their concurrent-chat limit (ties: whoever got a chat longest ago); a returning customer's chat goes to
/// their own agent first (<see cref="IPreferredAgent"/>) when that agent is online with room; an agent who went silent
/// on the chat (<see cref="IPassedOverAgents"/>) is never picked for it again, not even as its own agent. Every instance may run it at
/// once: the assign script lets only one of them take each chat, and re-checks the limit.
/// </summary>
public sealed class AutoAssigner(
    IConnectionMultiplexer redis,
    RedisUserStore users,
    AgentPresence presence,
    ConversationStore store,
    ConversationAssignment assignment,
    IPreferredAgent preferredAgent,
    IPassedOverAgents passedOver)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Assigns what it can; returns how many chats were assigned.</summary>
    public async Task<int> AssignWaitingAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var db = redis.GetDatabase();
            var queued = await db.SortedSetRangeByRankAsync(HandoffKeys.Queue, 0, 199);
            if (queued.Length == 0) return 0;

            var online = await presence.OnlineAsync();
            if (online.Count == 0) return 0;
            var inGrace = (await db.SortedSetRangeByRankAsync(AgentKeys.DisconnectGrace)).Select(v => (string)v!).ToHashSet();
            var candidates = (await users.ListAsync())
                .Where(u => !u.Disabled && online.Contains(u.Id) && !inGrace.Contains(u.Id) && u.MaxConcurrentChats > 0)
                .ToList();
            if (candidates.Count == 0) return 0;

            var loads = (await presence.LoadsAsync(candidates.Select(c => c.Id))).ToDictionary(p => p.Key, p => p.Value);
            var lastScores = await Task.WhenAll(candidates.Select(c => db.SortedSetScoreAsync(QueueKeys.LastAssigned, c.Id)));
            var last = candidates.Select(c => c.Id).Zip(lastScores).ToDictionary(p => p.First, p => p.Second ?? 0);

            var assigned = 0;
            foreach (var conversation in await store.GetManyAsync(queued.Select(v => (string)v!)))
            {
                if (conversation.Status != ConversationStatus.WaitingForAgent) continue;
                var skill = AgentSkills.For(conversation.ReasonOrDefault);
                // A returning customer's own agent first, when online (a candidate) with room; they know the customer.
                var own = conversation.CustomerId is { } customerId ? await preferredAgent.ForCustomerAsync(customerId) : null;
                var skipped = await passedOver.OfAsync(conversation.Id);
                var pick = candidates.FirstOrDefault(c => c.Id == own && loads[c.Id] < c.MaxConcurrentChats && !skipped.Contains(c.Id))
                    ?? candidates
                    .Where(c => c.Skills.Contains(skill) && loads[c.Id] < c.MaxConcurrentChats && !skipped.Contains(c.Id))
                    .OrderBy(c => loads[c.Id]).ThenBy(c => last[c.Id]).ThenBy(c => c.Id, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (pick is null) continue;

                var outcome = await assignment.AssignAsync(conversation.Id, new AgentRef(pick.Id, pick.DisplayName), pick.MaxConcurrentChats, cancellationToken);
                switch (outcome)
                {
                    case AssignmentOutcome.Done:
                        loads[pick.Id]++;
                        last[pick.Id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        assigned++;
                        break;
                    case AssignmentOutcome.AtCapacity:
                        loads[pick.Id] = pick.MaxConcurrentChats;
                        break;
                }
            }
            return assigned;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}

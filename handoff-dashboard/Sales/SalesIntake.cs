using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// 接待人数: an agent who takes a chat (or receives it by transfer) has served that customer on that day, counted once per
/// customer and day (a set), so a redelivered event changes nothing.
/// </summary>
public sealed class SalesIntake(SalesLedger ledger, ConversationStore conversations) : IHandoffEventSink
{
    public async Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        var agent = e.Kind switch
        {
            HandoffEventKinds.AgentJoined => e.AgentId,
            HandoffEventKinds.ConversationTransferred => e.ToAgentId,
            _ => null,
        };
        if (string.IsNullOrEmpty(agent)) return;
        var customerId = e.CustomerId ?? (await conversations.GetAsync(e.ConversationId))?.CustomerId;
        if (customerId is null) return;
        await ledger.ServedAsync(DateOnly.FromDateTime(e.At.UtcDateTime), agent, customerId);
    }
}

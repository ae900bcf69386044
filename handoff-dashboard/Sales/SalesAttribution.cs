namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>One chat an agent had with the customer: from when the agent took it to when it ended (null: still going).</summary>
public sealed record AgentChat(string ConversationId, string AgentId, DateTimeOffset ServedAt, DateTimeOffset? EndedAt);

/// <summary>
/// Which agent an order counts for: the agent of the latest chat that began before the order was paid and was still
/// going, or had ended no longer than the attribution window before. An order with no such chat counts for the store
/// only. Pure, so the rule is tested with a controlled clock.
/// </summary>
public static class SalesAttribution
{
    public static AgentChat? For(DateTimeOffset paidAt, IEnumerable<AgentChat> chats, TimeSpan window) =>
        chats
            .Where(c => c.ServedAt <= paidAt && (c.EndedAt is null || (c.EndedAt.Value >= paidAt - window)))
            .OrderByDescending(c => c.ServedAt)
            .ThenBy(c => c.ConversationId, StringComparer.Ordinal)
            .FirstOrDefault();
}

using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.StaleChats;

public enum IdleVerdict
{
    Active,
    /// <summary>The shopper is waiting for an answer that has not come in time.</summary>
    AgentSilent,
    /// <summary>The agent answered last and the shopper has not come back in time.</summary>
    ShopperSilent,
}

/// <summary>
/// Decides from a chat's transcript whether it has gone stale. Pure (times in, verdict out) so the timers are tested
/// with a controllable clock. The agent's clock starts at the later of the shopper's last message and the accept, so
/// a chat taken over just now is not blamed on its new agent; bot and system lines do not count as anyone's answer.
/// </summary>
public static class IdleChatRule
{
    public static IdleVerdict Decide(IReadOnlyList<TranscriptEntry> lines, DateTimeOffset acceptedAt, DateTimeOffset now, StaleChatOptions options)
    {
        DateTimeOffset? lastShopper = null, lastAgent = null;
        foreach (var line in lines)
        {
            if (line.Sender == TranscriptSenders.Customer) lastShopper = Max(lastShopper, line.Timestamp);
            else if (line.Sender == TranscriptSenders.Agent) lastAgent = Max(lastAgent, line.Timestamp);
        }
        // An agent line from before the accept belongs to a previous holder.
        if (lastAgent < acceptedAt) lastAgent = null;

        if (lastAgent is { } agentAt && (lastShopper is null || agentAt >= lastShopper))
        {
            return now - agentAt >= options.ShopperSilentAfter ? IdleVerdict.ShopperSilent : IdleVerdict.Active;
        }
        var waitingSince = lastShopper is { } shopperAt && shopperAt > acceptedAt ? shopperAt : acceptedAt;
        return now - waitingSince >= options.AgentSilentAfter ? IdleVerdict.AgentSilent : IdleVerdict.Active;
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}

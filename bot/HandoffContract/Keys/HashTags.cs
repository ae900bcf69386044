namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The Redis Cluster hash tags every key carries (the part in braces decides the key's slot). Keys that one
/// command, transaction or script touches together carry the same tag, so the whole solution runs unchanged on
/// one Redis, on Sentinel and on a Redis Cluster. The tags in use:
/// <list type="bullet">
/// <item><c>{conv:&lt;id&gt;}</c>: one conversation's working keys (transcript, Direct Line log, turn lock and fence, state, report timeline);</item>
/// <item><c>{customer:&lt;id&gt;}</c>, <c>{agent:&lt;id&gt;}</c>: one customer's / one agent's own keys;</item>
/// <item><c>{day:yyyyMMdd}</c>: one UTC day's counters (bot stats, report figures, phrase warnings);</item>
/// <item><c>{queue}</c>: the handoff state machine, i.e. the queue and its companions: escalated conversations' status
/// records, agents' chats, last assignment, both handoff streams, the relay's parked events. Every status script
/// (<see cref="StatusScripts"/>) checks and moves a status together with the queue, an agent's load and the event
/// on a stream; splitting them would let a crash or a race leave a chat in the queue and with an agent, or its events
/// out of order. Its volume is per escalation and per agent-chat message, not per bot turn, so one slot carries it;</item>
/// <item><c>{agents}</c>: the agent roster a presence script changes at once (presence, grace, online set, connections);</item>
/// <item>a feature tag (<c>{complaints}</c>, <c>{follow-ups}</c>, <c>{canned}</c>, <c>{reports}</c>, <c>{signin}</c>, …) for small
/// registers whose scripts keep an item and its indexes consistent in one step (a few writes a minute).</item>
/// </list>
/// Keys touched together that cannot share a tag are changed by separate commands, each with its consistency
/// argued where it happens (the customer's history index and the transcript's expiry after a status change, the
/// report day counters after the indexer's per-conversation script).
/// </summary>
public static class HashTags
{
    public static string Conversation(string conversationId) => "{conv:" + conversationId + "}";
    public static string Customer(string customerId) => "{customer:" + customerId + "}";
    public static string Agent(string agentId) => "{agent:" + agentId + "}";
    public static string Day(DateOnly day) => "{day:" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "}";
    public const string Queue = "{queue}";
    public const string Agents = "{agents}";
    public static string Feature(string feature) => "{" + feature + "}";
}

using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.StaleChats;

/// <summary>What to do with a silent agent's chat.</summary>
public enum AgentSilentAction
{
    /// <summary>Back to the queue at its place (the shopper is told their position; supervisors see it requeued with the reason).</summary>
    Requeue,
    /// <summary>Straight to the least busy other online agent; to the queue when there is none.</summary>
    NextAgent,
}

/// <summary>Section "StaleChats": chats with an agent that must not go stale. Defaults are what a store would choose.</summary>
public sealed class StaleChatOptions
{
    public const string SectionName = "StaleChats";

    public bool Enabled { get; set; } = true;

    /// <summary>The shopper wrote and the agent has not answered for this long (counted from accept at the earliest).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AgentSilentAfter { get; set; } = TimeSpan.FromMinutes(3);

    public AgentSilentAction AgentSilentAction { get; set; } = AgentSilentAction.Requeue;

    /// <summary>
    /// How long an agent who went silent on a chat is skipped when that chat is assigned again (automatically or by
    /// the hand-on). They may still take it from the queue by hand.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PassedOverFor { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The agent wrote last and the shopper has been silent for this long: the chat is resolved with a farewell and the survey.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ShopperSilentAfter { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Required, MaxLength(500)]
    public string Farewell { get; set; } = "您好，这边有一段时间没有收到您的回复，本次会话先为您结束啦。如果还有任何问题，随时给我们发消息，我们一直都在。";
}

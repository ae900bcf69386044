namespace ChatSupport.HandoffContract.Keys;

/// <summary>The waiting queue and its companions, tagged <c>{queue}</c>.</summary>
public static class QueueKeys
{
    private const string Of = HandoffKeys.Prefix + HashTags.Queue;

    /// <summary>Sorted set of conversation ids waiting for an agent; score from <see cref="QueueScore.For"/> (lowest first).</summary>
    public const string Queue = Of + ":handoff:queue";

    /// <summary>Sorted set: agent id → unix ms of their last assignment; equal loads go to who waited longest.</summary>
    public const string LastAssigned = Of + ":agents:last-assigned";

    /// <summary>Hash: conversation id → queue position last announced to the shopper (bot).</summary>
    public const string AnnouncedPositions = Of + ":bot:announced-positions";
}

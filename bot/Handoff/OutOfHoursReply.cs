using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The out-of-hours notice ("现在是人工客服的休息时间…") goes once per conversation per local day of the store: a
/// shopper who asks for a person again that night is not read the same announcement again, only asked for the
/// message (<see cref="HandoffWording.LeaveMessageAgain"/>). The mark lives in Redis, so every bot instance agrees.
/// </summary>
public sealed class OutOfHoursReply(IConnectionMultiplexer redis, BusinessHours hours, TimeProvider clock)
{
    // Long enough to outlive the local day it marks whatever the zone's offset; the key names the day, so it never blocks the next one.
    private static readonly TimeSpan MarkLifetime = TimeSpan.FromHours(48);

    /// <summary>True the first time this conversation is due the notice today (and marks it sent), false afterwards.</summary>
    public async Task<bool> TryClaimTodayAsync(string conversationId)
    {
        var day = hours.LocalDay(clock.GetUtcNow());
        return await redis.GetDatabase().StringSetAsync(OutOfHoursKeys.NoticeSent(conversationId, day), "1", MarkLifetime, When.NotExists);
    }
}

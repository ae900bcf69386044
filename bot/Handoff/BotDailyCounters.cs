using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>The bot's daily counters (conversations, answered, clarified, fallbacks, handoffs, cases) that reports read.</summary>
public sealed class BotDailyCounters(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>Counts one occurrence in the bot's daily counters (fields listed on <see cref="HandoffKeys.BotDailyStats"/>).</summary>
    public Task CountAsync(params string[] fields) => CountAsync(redis.GetDatabase(), fields);

    /// <summary>Counts through <paramref name="db"/> (fire and forget), e.g. the turn's closing batch.</summary>
    public Task CountAsync(IDatabaseAsync db, params string[] fields)
    {
        var key = HandoffKeys.BotDailyStats(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        foreach (var field in fields) _ = db.HashIncrementAsync(key, field, 1, CommandFlags.FireAndForget);
        _ = db.KeyExpireAsync(key, StatsKeys.BotDailyRetention, flags: CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    /// <summary>Counts with the turn's closing batch (no round trip of its own; nothing is counted for a turn that failed and runs again).</summary>
    public void CountAtTurnEnd(TurnContext turn, params string[] fields) => turn.AtTurnEnd(db => CountAsync(db, fields));
}

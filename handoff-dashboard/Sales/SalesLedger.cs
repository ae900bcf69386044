using System.Globalization;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Customers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// Counts orders and served customers into the per-day figures. An order is recorded once with the agent it counted for
/// (so a resent order keeps its first attribution) and counted once per day (the day's set of counted order ids), each in
/// one script over keys of one hash slot.
/// </summary>
public sealed class SalesLedger(IConnectionMultiplexer redis, ConversationStore conversations, IOptions<SalesOptions> options)
{
    private const string CountOrderScript = """
        if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HINCRBY', KEYS[2], 'store|orders', 1)
        redis.call('HINCRBY', KEYS[2], 'store|amount', ARGV[2])
        redis.call('HINCRBY', KEYS[2], 'store|items', ARGV[3])
        redis.call('SADD', KEYS[4], ARGV[5])
        if ARGV[4] ~= '' then
          redis.call('HINCRBY', KEYS[2], ARGV[4] .. '|orders', 1)
          redis.call('HINCRBY', KEYS[2], ARGV[4] .. '|amount', ARGV[2])
          redis.call('HINCRBY', KEYS[2], ARGV[4] .. '|items', ARGV[3])
          if redis.call('SADD', KEYS[3], ARGV[5]) == 1 then redis.call('HINCRBY', KEYS[2], ARGV[4] .. '|buyers', 1) end
          redis.call('EXPIRE', KEYS[3], ARGV[6])
        end
        for i = 1, 4 do if i ~= 3 then redis.call('EXPIRE', KEYS[i], ARGV[6]) end end
        return 1
        """;

    private const string ServedScript = """
        local added = redis.call('SADD', KEYS[1], ARGV[1])
        if added == 1 then redis.call('HINCRBY', KEYS[2], ARGV[2] .. '|served', 1) end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        redis.call('EXPIRE', KEYS[2], ARGV[3])
        return added
        """;

    // The first report of an order fixes its attribution; later ones read it back.
    private const string RecordOrderScript = """
        if redis.call('HSETNX', KEYS[1], 'orderId', ARGV[1]) == 0 then
          return redis.call('HMGET', KEYS[1], 'agentId', 'conversationId')
        end
        redis.call('HSET', KEYS[1], 'shopperId', ARGV[2], 'paidAt', ARGV[3], 'amountFen', ARGV[4], 'items', ARGV[5], 'agentId', ARGV[6], 'conversationId', ARGV[7])
        redis.call('EXPIRE', KEYS[1], ARGV[8])
        return {ARGV[6], ARGV[7]}
        """;

    private long TtlSeconds => (long)TimeSpan.FromDays(options.Value.RetentionDays).TotalSeconds;

    /// <summary>False when this signature was accepted before (a replay): it is remembered for twice the tolerance.</summary>
    public Task<bool> FirstUseAsync(string signature, TimeSpan remember) =>
        redis.GetDatabase().StringSetAsync(SalesKeys.SeenSignature(signature), 1, remember, When.NotExists);

    /// <summary>Attributes (on first sight) and counts one paid order; idempotent per order id.</summary>
    public async Task<OrderRecorded> RecordAsync(StoreOrder order)
    {
        var db = redis.GetDatabase();
        var customerId = CustomerIntake.CustomerIdOfShopper(order.ShopperId!);
        var paidAt = order.PaidAt!.Value.ToUniversalTime();
        var attributed = SalesAttribution.For(paidAt, await ChatsAsync(customerId), options.Value.AttributionWindow);
        var stored = (RedisValue[])(await db.ScriptEvaluateAsync(RecordOrderScript, [SalesKeys.Order(order.OrderId!)],
            [order.OrderId, order.ShopperId, paidAt.ToString("O", CultureInfo.InvariantCulture), order.AmountFen, order.ItemCount,
             attributed?.AgentId ?? "", attributed?.ConversationId ?? "", TtlSeconds]))!;
        var agent = (string?)stored[0] is { Length: > 0 } a ? a : null;
        var conversation = (string?)stored[1] is { Length: > 0 } c ? c : null;
        var day = DateOnly.FromDateTime(paidAt.UtcDateTime);
        var counted = (long)await db.ScriptEvaluateAsync(CountOrderScript,
            [SalesKeys.CountedOrders(day), SalesKeys.Daily(day), SalesKeys.Buyers(day, agent ?? "-"), SalesKeys.Shoppers(day)],
            [order.OrderId, order.AmountFen, order.ItemCount, agent ?? "", customerId, TtlSeconds]) == 1;
        return new OrderRecorded(order.OrderId!, agent, conversation, counted);
    }

    /// <summary>Counts the customer as served by the agent on the day (once per day).</summary>
    public Task ServedAsync(DateOnly day, string agentId, string customerId) =>
        redis.GetDatabase().ScriptEvaluateAsync(ServedScript, [SalesKeys.Served(day, agentId), SalesKeys.Daily(day)],
            [customerId, agentId, TtlSeconds]);

    /// <summary>Customer ids who ordered on any day of the range (programme group "shoppers of a period").</summary>
    public async Task<IReadOnlyList<string>> ShoppersAsync(DateOnly from, DateOnly to)
    {
        var db = redis.GetDatabase();
        var result = new HashSet<string>();
        for (var d = from; d <= to; d = d.AddDays(1))
            foreach (var v in await db.SetMembersAsync(SalesKeys.Shoppers(d))) result.Add((string)v!);
        return result.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<AgentChat>> ChatsAsync(string customerId)
    {
        var ids = (await redis.GetDatabase().SortedSetRangeByRankAsync(HandoffKeys.CustomerConversations(customerId), 0, 49, Order.Descending))
            .Select(v => (string)v!);
        return (await conversations.GetManyAsync(ids))
            .Where(c => c.Assignee is not null && c.AcceptedAt is not null)
            // A close from an earlier episode (before this accept) does not end the current one.
            .Select(c => new AgentChat(c.Id, c.Assignee!, c.AcceptedAt!.Value, c.ClosedAt is { } closed && closed >= c.AcceptedAt ? closed : null))
            .ToList();
    }
}

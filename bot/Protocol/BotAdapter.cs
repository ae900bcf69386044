using ChatSupport.Bot.Redis;
using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Runs turns: takes the conversation's turn lock (so two instances never run one conversation's
/// turns at once), loads conversation and user state, calls the handler, saves state with ETags,
/// and is the turn's error boundary: a failure is logged, the shopper is told briefly and offered a
/// person, and the conversation stays usable.
/// </summary>
public sealed class BotAdapter(
    ActivityHandler handler,
    RedisBotStateStore states,
    IConnectionMultiplexer redis,
    ILogger<BotAdapter> logger)
{
    private static readonly TimeSpan LockLease = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public async Task<TurnContext> ProcessAsync(Activity activity, IChannelConnector connector, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId ?? "unknown";
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required");
        var userId = activity.From?.Id ?? "anonymous";

        // Typing needs no state and must not queue behind a running turn.
        if (activity.IsType(ActivityTypes.Typing))
        {
            var light = new TurnContext(activity, connector, new TurnState("", new(), null), new TurnState("", new(), null));
            await RunGuardedAsync(light, cancellationToken);
            return light;
        }

        // The state reads and the handler's own reads ride with the lock request (one round trip); they count only once the lock is held.
        var conversationKey = BotKeys.ConversationState(channelId, conversationId);
        var userKey = BotKeys.UserState(channelId, userId);
        async Task<(TurnState Conversation, TurnState User, object? Prefetched)> ReadAsync(IBatch batch)
        {
            var conversation = states.LoadAsync(batch, conversationKey);
            var user = states.LoadAsync(batch, userKey);
            var prefetched = handler.PrefetchAsync(batch, activity);
            return (await conversation, await user, await prefetched);
        }
        var (turnLock, (conversationState, userState, prefetched)) = await TurnLock.AcquireAsync(
            redis, BotKeys.TurnLock(ConversationKey.Of(activity)), LockLease, LockWait, ReadAsync, cancellationToken);
        await using var _ = turnLock;
        var turn = new TurnContext(activity, connector, conversationState, userState) { Prefetched = prefetched };
        if (await RunGuardedAsync(turn, cancellationToken))
        {
            try
            {
                await states.SaveAsync(conversationState);
                await states.SaveAsync(userState);
            }
            catch (StateConflictException ex)
            {
                ProtocolLog.StateConflict(logger, ex, activity.Id);
            }
        }
        return turn;
    }

    private async Task<bool> RunGuardedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            await handler.OnTurnAsync(turn, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ProtocolLog.TurnFailed(logger, ex, turn.Activity.Id, turn.Activity.Type);
            if (turn.Activity.IsType(ActivityTypes.Message))
            {
                try
                {
                    await turn.SendTextAsync("抱歉，刚才系统开了个小差。您可以再发一次，或点“转人工”请客服同事帮您。", cancellationToken,
                        [CardAction.ImBack("转人工")], textFormat: "plain");
                }
                catch (Exception sendFailure)
                {
                    ProtocolLog.ApologyFailed(logger, sendFailure, turn.Activity.Id);
                }
            }
            return false;
        }
    }
}

/// <summary>
/// A Redis lease (SET NX PX) released by compare-and-delete, so one holder cannot free another's lock.
/// Reads that belong to the turn are sent in the same batch right behind the SET: Redis runs a
/// connection's commands in order, so when the SET succeeded they saw everything the previous holder
/// wrote; when it did not, their answers are thrown away and the whole batch is retried.
/// </summary>
internal sealed class TurnLock : IAsyncDisposable
{
    private readonly IDatabase _db;
    private readonly string _key;
    private readonly string _token;

    private TurnLock(IDatabase db, string key, string token)
    {
        _db = db;
        _key = key;
        _token = token;
    }

    /// <param name="readAfterLock">Queues the reads on the batch (must not await before queueing them).</param>
    public static async Task<(TurnLock Lock, T Read)> AcquireAsync<T>(IConnectionMultiplexer redis, string key, TimeSpan lease, TimeSpan wait,
        Func<IBatch, Task<T>> readAfterLock, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + wait;
        var delay = 2;
        while (true)
        {
            var batch = db.CreateBatch();
            var taking = batch.StringSetAsync(key, token, lease, When.NotExists);
            var reading = readAfterLock(batch);
            batch.Execute();
            var taken = await taking;
            var read = await reading;
            if (taken) return (new TurnLock(db, key, token), read);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"turn lock {key} busy for {wait.TotalSeconds:F0} s");
            await Task.Delay(delay, ct);
            delay = Math.Min(delay * 2, 50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [_key], [_token]);
        }
        catch (RedisException)
        {
            // The lease expires by itself.
        }
    }
}

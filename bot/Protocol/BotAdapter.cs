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

        await using var turnLock = await TurnLock.AcquireAsync(redis, BotKeys.TurnLock(conversationId), LockLease, LockWait, cancellationToken);
        var loadingConversation = states.LoadAsync(BotKeys.ConversationState(channelId, conversationId));
        var loadingUser = states.LoadAsync(BotKeys.UserState(channelId, userId));
        var conversationState = await loadingConversation; // both reads go out in one round trip
        var userState = await loadingUser;
        var turn = new TurnContext(activity, connector, conversationState, userState);
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

/// <summary>A Redis lease (SET NX PX) released by compare-and-delete, so one holder cannot free another's lock.</summary>
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

    public static async Task<TurnLock> AcquireAsync(IConnectionMultiplexer redis, string key, TimeSpan lease, TimeSpan wait, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + wait;
        var delay = 2;
        while (!await db.StringSetAsync(key, token, lease, When.NotExists))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"turn lock {key} busy for {wait.TotalSeconds:F0} s");
            await Task.Delay(delay, ct);
            delay = Math.Min(delay * 2, 50);
        }
        return new TurnLock(db, key, token);
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

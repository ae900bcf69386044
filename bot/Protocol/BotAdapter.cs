using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Runs turns: takes the conversation's turn lock (so two instances never run one conversation's
/// turns at once), loads conversation and user state, calls the handler, saves state with ETags,
/// and is the turn's error boundary: a failure is logged, the shopper is told briefly and offered a
/// person, and the conversation stays usable. A shopper's message whose turn cannot run (lease busy) or
/// fails is not dropped: it is deferred (<see cref="DeferredTurns"/>) and runs again, in order, until it
/// succeeds or the shopper is told it could not be handled.
/// </summary>
public sealed class BotAdapter(
    ActivityHandler handler,
    RedisBotStateStore states,
    IConnectionMultiplexer redis,
    DeferredTurns deferred,
    ChannelConnectors connectors,
    TimeProvider clock,
    ILogger<BotAdapter> logger)
{
    private static readonly TimeSpan LockLease = TurnLock.DefaultLease;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public Task<TurnContext> ProcessAsync(Activity activity, IChannelConnector connector, CancellationToken cancellationToken) =>
        ProcessAsync(activity, connector, cancellationToken, isDeferredRetry: false);

    /// <summary>
    /// A turn whose channel stores the incoming activity itself (the embedded Direct Line): <paramref name="storeIncoming"/>
    /// queues that store on the turn's first batch, ahead of the lease (so it is stored once, busy lease, failed turn or
    /// dead instance alike), and answers false when the channel refused it (conversation gone): the turn then does not run
    /// (<see cref="TurnContext.IncomingRefused"/>). The activity's id is the one the store gave it.
    /// </summary>
    public Task<TurnContext> ProcessAsync(Activity activity, IChannelConnector connector, Func<IDatabaseAsync, Task<bool>> storeIncoming,
        CancellationToken cancellationToken) =>
        ProcessAsync(activity, connector, cancellationToken, isDeferredRetry: false, storeIncoming: storeIncoming);

    /// <summary>
    /// A turn that waits at most <paramref name="lockWait"/> for the conversation's lease and otherwise throws
    /// <see cref="TurnLockBusyException"/>: for callers with their own retry (the relay), which must not sit on a
    /// dead instance's lease while other conversations' messages wait behind it.
    /// </summary>
    public Task<TurnContext> ProcessAsync(Activity activity, IChannelConnector connector, TimeSpan lockWait, CancellationToken cancellationToken) =>
        ProcessAsync(activity, connector, cancellationToken, isDeferredRetry: false, lockWait);

    /// <summary>
    /// A turn the bot starts itself in an existing conversation (a relayed dashboard event, a stalled intake), as the
    /// Bot Framework's ContinueConversation does: the channel is chosen here (<see cref="ChannelConnectors"/>), so the
    /// features that start such turns never know which channel the shopper is on. Waits at most <paramref name="lockWait"/>
    /// for the lease and otherwise throws <see cref="TurnLockBusyException"/> (the callers retry).
    /// </summary>
    public async Task<TurnContext> ContinueConversationAsync(Activity activity, TimeSpan lockWait, CancellationToken cancellationToken) =>
        await ProcessAsync(activity, await connectors.ForAsync(activity), lockWait, cancellationToken);

    /// <param name="isDeferredRetry">The deferred-turn worker running a queued message again: it is the head of its
    /// conversation's queue, so it neither waits behind that queue nor is deferred again (the worker keeps count).</param>
    internal async Task<TurnContext> ProcessAsync(Activity activity, IChannelConnector connector, CancellationToken cancellationToken, bool isDeferredRetry,
        TimeSpan? lockWait = null, Func<IDatabaseAsync, Task<bool>>? storeIncoming = null)
    {
        var channelId = activity.ChannelId ?? "unknown";
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required");
        var userId = activity.From?.Id ?? "anonymous";

        // Typing needs no state and must not queue behind a running turn.
        if (activity.IsType(ActivityTypes.Typing))
        {
            var light = new TurnContext(activity, connector, new TurnState("", new(), null), new TurnState("", new(), null));
            if (await RunGuardedAsync(light, apologize: false, cancellationToken) && light.EndWrites.Count > 0)
            {
                var batch = redis.GetDatabase().CreateBatch();
                var writes = light.EndWrites.Select(write => write(batch)).ToList();
                batch.Execute();
                await Task.WhenAll(writes);
            }
            return light;
        }

        // The state reads and the handler's own reads ride with the lock request (one round trip); they count only once the lock is held.
        var conversationKey = BotStateKeys.ConversationState(ConversationKey.For(channelId, conversationId));
        var userKey = BotStateKeys.UserState(channelId, userId);
        var deferrable = !isDeferredRetry && DeferredTurns.CanDefer(activity, connector);
        async Task<(TurnState Conversation, TurnState User, ConversationStatus? HandoffStatus, long Backlog)> ReadAsync(IBatch batch)
        {
            var conversation = states.LoadAsync(batch, conversationKey);
            var user = states.LoadAsync(batch, userKey);
            var handoffStatus = handler.ReadHandoffStatusAsync(batch, activity);
            var backlog = deferrable ? deferred.Queue.BacklogAsync(batch, ConversationKey.Of(activity)) : Task.FromResult(0L);
            return (await conversation, await user, await handoffStatus, await backlog);
        }
        Task<bool>? storing = null;
        Action<IBatch>? aheadOfFirstTake = storeIncoming is null ? null : batch => storing = storeIncoming(batch);
        TurnLock turnLock;
        TurnState conversationState, userState;
        ConversationStatus? handoffStatus;
        try
        {
            long backlog;
            (turnLock, (conversationState, userState, handoffStatus, backlog)) = await TurnLock.AcquireAsync(
                redis, BotStateKeys.TurnLock(ConversationKey.Of(activity)), LockLease, lockWait ?? LockWait, ReadAsync, cancellationToken, clock,
                aheadOfFirstTake);
            if (!await IncomingStoredAsync(storing, turnLock))
            {
                await turnLock.DisposeAsync();
                return Refused(activity, connector);
            }
            if (backlog > 0)
            {
                // Earlier messages of this conversation wait to be retried: this one goes behind them, or it would overtake.
                await turnLock.DisposeAsync();
                return await DeferAsync(activity, connector, "earlier messages are queued", TimeSpan.Zero);
            }
        }
        catch (TurnLockBusyException) when (deferrable)
        {
            if (!await IncomingStoredAsync(storing, null)) return Refused(activity, connector);
            return await DeferAsync(activity, connector, "turn lease busy", TimeSpan.FromSeconds(1));
        }
        catch (OperationCanceledException) when (deferrable && cancellationToken.IsCancellationRequested)
        {
            // The turn's time ran out (or the instance is stopping) while it waited for the lease: the message is still owed an answer.
            if (!await IncomingStoredAsync(storing, null)) return Refused(activity, connector);
            return await DeferAsync(activity, connector, "turn timed out waiting for the lease", TimeSpan.FromSeconds(1));
        }
        await using var _ = turnLock;
        var turn = new TurnContext(activity, connector, conversationState, userState) { HandoffStatus = handoffStatus, Fence = turnLock.Fence };
        bool ran;
        try
        {
            ran = await RunGuardedAsync(turn, apologize: !deferrable && !isDeferredRetry, cancellationToken);
        }
        catch (OperationCanceledException) when (deferrable && cancellationToken.IsCancellationRequested)
        {
            // Cut by the turn's time limit (Direct Line answers its client after 15 s) or by shutdown: nothing of the
            // turn's state is saved, and the message runs again from the deferred queue, on this instance or another.
            await StoreClosingRepliesAsync(turn);
            await DeferAsync(activity, connector, "turn timed out", TimeSpan.FromSeconds(1));
            turn.Deferred = true;
            return turn;
        }
        if (ran) ran = await CloseTurnAsync(turn, turnLock, conversationState, userState);
        else await StoreClosingRepliesAsync(turn);
        if (!ran && deferrable)
        {
            // Nothing of the failed turn's state is kept, so the retry starts from the same state.
            await DeferAsync(activity, connector, "turn failed", TimeSpan.FromSeconds(1));
            turn.Deferred = true;
        }
        return turn;
    }

    /// <summary>
    /// The turn's closing round trip: the writes the handler queued for the end (transcript lines, counters), the state
    /// saves and the lease release go to Redis in one batch. Fenced: if this turn outlived its lease and another
    /// instance took the conversation, nothing is overwritten. False when a queued write failed (the turn then counts
    /// as failed; a refused state save only loses that save, as before: the ETag or the fence protected it).
    /// </summary>
    private async Task<bool> CloseTurnAsync(TurnContext turn, TurnLock turnLock, TurnState conversationState, TurnState userState)
    {
        // On a cluster a user state in another slot than the conversation's fence is checked and saved on its own, first.
        var saveApart = states.CanSaveInBatch(userState, turnLock.Fence) ? null : userState;
        if (saveApart is not null) await SaveLoggingConflictAsync(states.SaveAsync(saveApart, turnLock.Fence), turn.Activity.Id);
        var batch = redis.GetDatabase().CreateBatch();
        // The replies lead, in the order sent: they share the lease's slot, so they are stored before the lease is free.
        var writes = turn.ClosingReplies.Concat(turn.EndWrites).Select(write => write(batch)).ToList();
        var saves = new List<Task> { states.SaveAsync(batch, conversationState, turnLock.Fence) };
        if (saveApart is null) saves.Add(states.SaveAsync(batch, userState, turnLock.Fence));
        var release = await turnLock.ReleaseWithAsync(batch);
        batch.Execute();
        var ok = true;
        foreach (var write in writes)
        {
            try
            {
                await write;
            }
            catch (Exception ex) when (ex is StaleTurnException or RedisException or TimeoutException)
            {
                ProtocolLog.TurnFailed(logger, ex, turn.Activity.Id, turn.Activity.Type);
                turn.Failure ??= ex;
                ok = false;
            }
        }
        foreach (var save in saves) await SaveLoggingConflictAsync(save, turn.Activity.Id);
        await release;
        return ok;
    }

    /// <summary>
    /// A turn that failed or was cut sends no closing batch, but what it sent is the shopper's (the apology included), as
    /// when every reply was stored at once: its replies are stored on their own. A retry of the turn stores none twice.
    /// </summary>
    private async Task StoreClosingRepliesAsync(TurnContext turn)
    {
        if (turn.ClosingReplies.Count == 0) return;
        var batch = redis.GetDatabase().CreateBatch();
        var stores = turn.ClosingReplies.Select(store => store(batch)).ToList();
        batch.Execute();
        try
        {
            await Task.WhenAll(stores);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ProtocolLog.TurnFailed(logger, ex, turn.Activity.Id, turn.Activity.Type);
        }
    }

    /// <summary>Whether the channel stored the incoming activity (true when it did not ask to); a failed store releases the lease taken with it.</summary>
    private static async Task<bool> IncomingStoredAsync(Task<bool>? storing, TurnLock? takenWithIt)
    {
        if (storing is null) return true;
        try
        {
            return await storing;
        }
        catch when (takenWithIt is not null)
        {
            await takenWithIt.DisposeAsync();
            throw;
        }
    }

    private static TurnContext Refused(Activity activity, IChannelConnector connector) =>
        new(activity, connector, new TurnState("", new(), null), new TurnState("", new(), null)) { IncomingRefused = true };

    private async Task SaveLoggingConflictAsync(Task save, string? activityId)
    {
        try
        {
            await save;
        }
        catch (StateConflictException ex)
        {
            ProtocolLog.StateConflict(logger, ex, activityId);
        }
    }

    private async Task<TurnContext> DeferAsync(Activity activity, IChannelConnector connector, string why, TimeSpan delay)
    {
        ProtocolLog.TurnDeferred(logger, activity.Id, activity.Conversation!.Id!, why);
        // Due on the same clock the worker claims with (DeferredTurnWorker), or a due time could sit in the claimer's future.
        await deferred.DeferAsync(activity, clock.GetUtcNow() + delay);
        return new TurnContext(activity, connector, new TurnState("", new(), null), new TurnState("", new(), null)) { Deferred = true };
    }

    private async Task<bool> RunGuardedAsync(TurnContext turn, bool apologize, CancellationToken cancellationToken)
    {
        try
        {
            await handler.OnTurnAsync(turn, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ProtocolLog.TurnFailed(logger, ex, turn.Activity.Id, turn.Activity.Type);
            turn.Failure = ex;
            if (apologize && turn.Activity.IsType(ActivityTypes.Message))
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

using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// The familiar Bot Framework handler shape: the adapter calls <see cref="OnTurnAsync"/>, which
/// dispatches by activity type. Unknown activity types are ignored, as the protocol requires.
/// </summary>
public abstract class ActivityHandler
{
    public virtual Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        return activity.Type switch
        {
            ActivityTypes.Message => OnMessageAsync(turn, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(turn, cancellationToken),
            ActivityTypes.Event => OnEventAsync(turn, cancellationToken),
            ActivityTypes.Typing => OnTypingAsync(turn, cancellationToken),
            ActivityTypes.EndOfConversation => OnEndOfConversationAsync(turn, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>
    /// Queues on <paramref name="batch"/> the Redis reads every turn of <paramref name="activity"/> starts with. The
    /// adapter sends them together with the turn lock, so they cost no round trip of their own and see everything
    /// earlier turns wrote; the result is the turn's <see cref="TurnContext.Prefetched"/>. Must queue its reads
    /// before awaiting anything (the batch is sent after this returns).
    /// </summary>
    public virtual Task<object?> PrefetchAsync(IDatabaseAsync batch, Activity activity) => Task.FromResult<object?>(null);

    protected virtual Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var botId = turn.Activity.Recipient?.Id;
        var added = turn.Activity.MembersAdded?.Where(m => m.Id != botId).ToList();
        return added is { Count: > 0 } ? OnMembersAddedAsync(added, turn, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Members other than the bot joined.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> members, TurnContext turn, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTypingAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEndOfConversationAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
}

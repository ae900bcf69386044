using ChatSupport.HandoffContract;
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
    /// Queues on <paramref name="batch"/> the read of the conversation's handoff status (is a person in charge?) when a
    /// turn of <paramref name="activity"/> starts with that question. The adapter sends it together with the turn lock,
    /// so it costs no round trip of its own and sees everything earlier turns wrote; the result is the turn's
    /// <see cref="TurnContext.HandoffStatus"/>. Must queue its read before awaiting anything (the batch is sent after
    /// this returns). Null (the default) reads nothing.
    /// </summary>
    public virtual Task<ConversationStatus?> ReadHandoffStatusAsync(IDatabaseAsync batch, Activity activity) =>
        Task.FromResult<ConversationStatus?>(null);

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

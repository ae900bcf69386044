using System.Text.Json;
using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Shopper messages whose turn could not run or failed (the conversation's turn lease was held by a dead
/// instance, Redis hiccuped, a handler threw): they are queued per conversation (<see cref="ConversationRetryQueue"/>)
/// and run again by <see cref="DeferredTurnWorker"/> on any instance, in order, so the message still reaches the bot
/// or the agent. Later messages of the same conversation queue behind them, or they would overtake.
/// </summary>
public sealed class DeferredTurns(IConnectionMultiplexer redis)
{
    public ConversationRetryQueue Queue { get; } = new(redis, "turns");

    /// <summary>A message can be deferred when nobody waits for its replies in the HTTP response (expectReplies) and it came from a shopper.</summary>
    public static bool CanDefer(Activity activity, IChannelConnector connector) =>
        activity.IsType(ActivityTypes.Message) && activity.InternalPayload is null && connector is not BufferedConnector;

    public Task DeferAsync(Activity activity, DateTimeOffset due) =>
        Queue.EnqueueAsync(ConversationKey.Of(activity), JsonSerializer.Serialize(activity, ProtocolJson.Options), due);
}

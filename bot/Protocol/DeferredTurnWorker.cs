using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Protocol;

/// <summary>Section "DeferredTurns": how often and how patiently a shopper message whose turn failed is tried again.</summary>
public sealed class DeferredTurnOptions
{
    public const string SectionName = "DeferredTurns";

    /// <summary>Tries after the first failure before the shopper is told it could not be handled.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;

    /// <summary>First wait before a retry, doubled after each failure.</summary>
    [Range(50, 60_000)] public int BaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>Longest wait between two tries.</summary>
    [Range(1, 600)] public int MaxDelaySeconds { get; set; } = 15;

    /// <summary>How long one retry may run (like a Direct Line turn's 15 s); a retry cut by it counts as a failed try.</summary>
    [Range(1, 300)] public int TurnTimeoutSeconds { get; set; } = 15;
}

/// <summary>
/// Runs deferred shopper turns again (every instance runs one; a claim keeps two from taking the same conversation).
/// Back-off 1 s, 2 s, 4 s … capped at 15 s (<see cref="DeferredTurnOptions"/>); after the last try the shopper is told, politely and with
/// a way forward, that the message could not be handled, and the next one of that conversation gets its turn.
/// </summary>
public sealed class DeferredTurnWorker(
    DeferredTurns deferred,
    BotAdapter adapter,
    ChannelConnectors connectors,
    IOptions<DeferredTurnOptions> options,
    TimeProvider clock,
    ILogger<DeferredTurnWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(60);

    public static string CouldNotHandle(string? text)
    {
        var quoted = string.IsNullOrWhiteSpace(text) ? "" : $"「{(text.Length > 30 ? text[..30] + "…" : text)}」";
        return $"抱歉，您刚才发的消息{quoted}暂时没能处理成功。麻烦您稍后再发一次，或点“转人工”请客服同事帮您～";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await deferred.Queue.ClaimDueAsync(clock.GetUtcNow(), ClaimLease, 32);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                    async (conversationId, ct) => await DrainAsync(conversationId, ct));
                await Task.Delay(due.Count > 0 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ProtocolLog.DeferredLoopError(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Runs the conversation's queued turns in order until one fails (then it waits its back-off) or none are left.</summary>
    private async Task DrainAsync(string conversationId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var payload = await deferred.Queue.PeekAsync(conversationId);
            if (payload is null)
            {
                await deferred.Queue.CompleteAsync(conversationId, "", clock.GetUtcNow());
                return;
            }
            var activity = JsonSerializer.Deserialize<Activity>(payload, ProtocolJson.Options)!;
            var connector = await connectors.ForAsync(activity);
            Exception? failure;
            try
            {
                using var turnTime = CancellationTokenSource.CreateLinkedTokenSource(ct);
                turnTime.CancelAfter(TimeSpan.FromSeconds(options.Value.TurnTimeoutSeconds));
                failure = (await adapter.ProcessAsync(activity, connector, turnTime.Token, isDeferredRetry: true)).Failure;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = ex;
            }
            if (failure is null)
            {
                ProtocolLog.DeferredTurnDone(logger, activity.Id, conversationId);
                await deferred.Queue.CompleteAsync(conversationId, payload, clock.GetUtcNow());
                continue;
            }
            var o = options.Value;
            var attempts = await deferred.Queue.RetryLaterAsync(conversationId, clock.GetUtcNow(),
                TimeSpan.FromMilliseconds(o.BaseDelayMilliseconds), TimeSpan.FromSeconds(o.MaxDelaySeconds));
            ProtocolLog.DeferredTurnFailed(logger, failure, activity.Id, conversationId, attempts);
            if (attempts < o.MaxAttempts) return;
            await TellShopperAsync(activity, connector, ct);
            await deferred.Queue.CompleteAsync(conversationId, payload, clock.GetUtcNow());
        }
    }

    private async Task TellShopperAsync(Activity activity, IChannelConnector connector, CancellationToken ct)
    {
        try
        {
            var reply = activity.CreateReply(CouldNotHandle(activity.Text));
            reply.TextFormat = "plain";
            reply.ReplyToId = activity.Id;
            reply.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("转人工")], To = activity.From?.Id is { } u ? [u] : null };
            await connector.SendAsync(reply, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ProtocolLog.ApologyFailed(logger, ex, activity.Id);
        }
    }
}

using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>
/// Hands over shoppers who left an intake prompt unanswered: every second it reads the overdue prompts
/// (<see cref="IntakeStore.DueAsync"/>), claims each one (so one instance acts), and runs an internal turn in that
/// conversation, under its turn lock, which hands over if the prompt is still open (<see cref="AfterSalesIntake.HandleStalledAsync"/>).
/// Driven by the host's <see cref="TimeProvider"/>, so tests move time instead of waiting.
/// </summary>
public sealed class IntakeStallWorker(
    IntakeStore store,
    ConversationReferences references,
    BotAdapter adapter,
    TimeProvider clock,
    ILogger<IntakeStallWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, clock, stoppingToken);
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IntakeLog.StallCheckFailed(logger, ex, "-");
            }
        }
    }

    /// <summary>One pass over the overdue prompts.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        foreach (var conversationKey in await store.DueAsync(clock.GetUtcNow(), 50))
        {
            if (!await store.ClaimAsync(conversationKey)) continue;
            try
            {
                var reference = await references.FindAsync(conversationKey);
                if (reference is null) continue;
                var activity = new Activity
                {
                    Type = ActivityTypes.Event,
                    Name = "chatsupport/intake-stalled",
                    ChannelId = reference.ChannelId,
                    ServiceUrl = reference.ServiceUrl,
                    Conversation = reference.Conversation,
                    From = reference.User,
                    Recipient = reference.Bot,
                    Locale = reference.Locale ?? "zh-CN",
                    InternalPayload = new IntakeStalled(conversationKey),
                };
                await adapter.ContinueConversationAsync(activity, LockWait, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A busy turn (the shopper is writing right now) or a passing failure: look again shortly.
                IntakeLog.StallCheckFailed(logger, ex, conversationKey);
                await store.ScheduleStallAsync(conversationKey, clock.GetUtcNow().AddSeconds(1));
            }
        }
    }
}

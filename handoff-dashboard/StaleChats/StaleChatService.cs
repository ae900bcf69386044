using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.StaleChats;

/// <summary>
/// Runs <see cref="StaleChatSweeper"/> every <see cref="StaleChatOptions.SweepInterval"/> on every instance (the
/// claim key keeps two from acting on one chat). The dashboard owns this rather than the bot: it owns who holds a
/// chat and the transitions out of WithAgent (requeue, transfer, close), and the bot already reacts to each of them
/// towards the shopper (queue position, survey).
/// </summary>
internal sealed class StaleChatService(StaleChatSweeper sweeper, IOptions<StaleChatOptions> options, TimeProvider clock, ILogger<StaleChatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.Status == TaskStatus.RanToCompletion && t.Result, TaskScheduler.Default))
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                StaleChatsLog.SweepFailed(logger, ex);
            }
        }
    }
}

public static class StaleChatRegistration
{
    public static void AddStaleChats(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaleChatOptions>()
            .Bind(builder.Configuration.GetSection(StaleChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StaleChatSweeper>();
        builder.Services.RemoveAll<IPassedOverAgents>();
        builder.Services.AddSingleton<IPassedOverAgents, PassedOverAgents>();
        builder.Services.AddHostedService<StaleChatService>();
    }
}

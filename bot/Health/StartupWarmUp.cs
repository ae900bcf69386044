using System.Diagnostics;
using Activity = ChatSupport.Bot.Protocol.Activity;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatSupport.Bot.Health;

/// <summary>
/// Runs the per-message code once over before the instance reports ready: .NET compiles a method on its first
/// call, and a freshly started bot hit by hundreds of messages a second answered its first second's messages
/// in up to 150-230 ms instead of 5-20 ms (tests/LoadGenerator --timeline). The warm-up has no side effects: it
/// routes the FAQs' own phrasings without counting them, round-trips activities through the protocol JSON and
/// sends a few requests to the instance's own HTTP pipeline. /readyz fails until it is done.
/// </summary>
public sealed class StartupWarmUp(
    IHostApplicationLifetime lifetime,
    IServer server,
    IKnowledgeSource knowledge,
    IMessageRouter router,
    ILogger<StartupWarmUp> logger) : BackgroundService
{
    private const int MaxTexts = 400;
    private volatile bool _done;

    public bool IsDone => _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The HTTP part needs Kestrel listening, which happens after the hosted services have started.
            var started = new TaskCompletionSource();
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task;

            var watch = Stopwatch.StartNew();
            var routed = WarmRouting();
            var activities = WarmProtocolJson();
            var requests = await WarmHttpAsync(stoppingToken);
            StartupWarmUpLog.Done(logger, routed, activities, requests, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A failed warm-up only costs speed on the first messages; the instance must still serve.
            StartupWarmUpLog.Failed(logger, ex);
        }
        finally
        {
            _done = true;
        }
    }

    private int WarmRouting()
    {
        var texts = knowledge.Current.Entries.SelectMany(f => f.Phrasings).Take(MaxTexts).ToList();
        // Twice over, with and without a previous fallback, so both branches of the decision are compiled.
        foreach (var text in texts)
        {
            router.Preview(text, RoutingContext.FirstMessage);
            router.Preview(text + " 谢谢", new RoutingContext(1));
        }
        router.Preview("在吗", RoutingContext.FirstMessage);
        router.QuickTopics(4);
        return texts.Count * 2;
    }

    private static int WarmProtocolJson()
    {
        var samples = new[]
        {
            new Activity
            {
                Type = ActivityTypes.Message, Id = "warm-up|0000001", Text = "几天能到", Locale = "zh-CN",
                From = new ChannelAccount { Id = "warm-up-user", Name = "warm-up" },
                Conversation = new ConversationAccount { Id = "warm-up" },
                Recipient = new ChannelAccount { Id = "bot" },
                Timestamp = DateTimeOffset.UtcNow,
                SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("发什么快递？")] },
            },
            new Activity { Type = ActivityTypes.Typing, From = new ChannelAccount { Id = "bot" } },
            new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount { Id = "warm-up-user" }] },
        };
        var count = 0;
        for (var i = 0; i < 50; i++)
        {
            foreach (var sample in samples)
            {
                ProtocolJson.Deserialize(ProtocolJson.Serialize(sample));
                count++;
            }
        }
        return count;
    }

    private async Task<int> WarmHttpAsync(CancellationToken cancellationToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
                .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"), UriKind.Absolute, out var baseUri))
            return 0;
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var count = 0;
        for (var i = 0; i < 20; i++)
        {
            // Liveness (the whole middleware pipeline) and an unauthenticated Direct Line read (routing, auth, error body).
            using (await http.GetAsync("healthz", cancellationToken)) count++;
            using (await http.GetAsync("v3/directline/conversations/warm-up/activities", cancellationToken)) count++;
        }
        return count;
    }
}

/// <summary>/readyz stays unhealthy until the warm-up has run, so a load balancer sends no traffic to a cold instance.</summary>
internal sealed class StartupWarmUpHealthCheck(StartupWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsDone ? HealthCheckResult.Healthy("warmed up") : HealthCheckResult.Degraded("warming up"));
}

internal static partial class StartupWarmUpLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "Warm-up done: {Routed} routings, {Activities} activity JSON round trips, {Requests} loopback requests in {Milliseconds} ms")]
    public static partial void Done(ILogger logger, int routed, int activities, int requests, long milliseconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Warm-up failed; the first messages may be slower")]
    public static partial void Failed(ILogger logger, Exception exception);
}

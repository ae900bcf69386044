using ChatSupport.Bot.Routing.Intent;
using ChatSupport.Bot.Routing.ModelAssist;
using ChatSupport.Bot.Routing.Unanswered;

namespace ChatSupport.Bot.Routing;

public static class RoutingRegistration
{
    /// <summary>
    /// Deciding what to do with a shopper's message: the message router (IMessageRouter) over the knowledge engine and
    /// the intent model, the optional model step (decisions and rephrasing; section ModelAssist), the unanswered-questions log.
    /// Registered before AddKnowledge, so the intent model starts building before the FAQ folder loads (see IntentWarmUp).
    /// </summary>
    public static void AddRouting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRoutingOptions();
        // Where the trained intent model is kept between starts (IntentModelCache; empty = train at every start).
        IntentModelCache.Configure(builder.Configuration["Routing:IntentModelCacheFolder"]);
        services.AddOptions<UnansweredOptions>().BindConfiguration(UnansweredOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<IMessageRouter>(sp => sp.GetRequiredService<MessageRouter>());
        services.AddSingleton<IUnansweredQuestionLog, RedisUnansweredQuestionLog>();
        services.AddSingleton<ShopperRoutes>();
        // The optional model (section ModelAssist): low-confidence decisions and answer rephrasing; off without an endpoint.
        services.AddModelAssist();
        services.AddHostedService<IntentWarmUp>();
    }

    /// <summary>Routing:* bound and checked as the bot reads them; eval binds its environment through the same call.</summary>
    public static IServiceCollection AddRoutingOptions(this IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ClarifyThreshold is null || o.AnswerThreshold is null || o.ClarifyThreshold <= o.AnswerThreshold, "Routing:ClarifyThreshold must not exceed Routing:AnswerThreshold")
            .ValidateOnStart();
        return services;
    }

    private sealed class IntentWarmUp : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // The intent model (trained, or read from its cache) is built beside the FAQ folder load rather than after it,
            // on the first message: both are needed before the first decision and neither depends on the other.
            // The start-up warm-up's first routed message waits for it (Lazy), so readiness still means both are in place.
            _ = Task.Run(() => IntentDecider.Shared, CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

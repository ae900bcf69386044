using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Intent;
using ChatSupport.Bot.Routing.ModelAssist;
using ChatSupport.Bot.Routing.Unanswered;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>
    /// The knowledge engine: hot-reloading FAQ store, embeddings (local unless an endpoint is configured), the
    /// message router (IMessageRouter), the optional model step (decisions and rephrasing), the unanswered-questions log, admin options.
    /// </summary>
    public static void AddKnowledge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ClarifyThreshold is null || o.AnswerThreshold is null || o.ClarifyThreshold <= o.AnswerThreshold, "Routing:ClarifyThreshold must not exceed Routing:AnswerThreshold")
            .ValidateOnStart();
        // Where the trained intent model is kept between starts (IntentModelCache; empty = train at every start).
        IntentModelCache.Configure(builder.Configuration["Routing:IntentModelCacheFolder"]);
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddOptions<UnansweredOptions>().BindConfiguration(UnansweredOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var e = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Embeddings;
            return e.IsConfigured
                ? OpenAiEmbeddingGenerator.Create(new Uri(e.Endpoint!), e.ApiKey ?? "", e.Model, TimeSpan.FromMilliseconds(e.TimeoutMilliseconds))
                : new LocalNGramEmbeddingGenerator();
        });
        services.AddSingleton<KnowledgeLoader>();
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<IKnowledgeSource>(sp => sp.GetRequiredService<KnowledgeStore>());
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<IMessageRouter>(sp => sp.GetRequiredService<MessageRouter>());
        services.AddSingleton<FaqFileEditor>();
        services.AddSingleton<IUnansweredQuestionLog, RedisUnansweredQuestionLog>();
        // The optional model (section ModelAssist): low-confidence decisions and answer rephrasing; off without an endpoint.
        services.AddModelAssist();
        // Load the folder at start-up (not on the first message) and start watching it.
        services.AddHostedService<KnowledgeWarmUp>();
    }

    private sealed class KnowledgeWarmUp(KnowledgeStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // The intent model (trained, or read from its cache) is built beside the folder load rather than after it,
            // on the first message: both are needed before the first decision and neither depends on the other.
            // The start-up warm-up's first routed message waits for it (Lazy), so readiness still means both are in place.
            _ = Task.Run(() => IntentDecider.Shared, CancellationToken.None);
            _ = store.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

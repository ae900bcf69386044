using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Rephrasing;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Unanswered;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>
    /// The knowledge engine: hot-reloading FAQ store, embeddings (local unless an endpoint is configured), the
    /// message router (IMessageRouter), the optional answer rephraser, the unanswered-questions log, admin options.
    /// </summary>
    public static void AddKnowledge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ClarifyThreshold is null || o.AnswerThreshold is null || o.ClarifyThreshold <= o.AnswerThreshold, "Routing:ClarifyThreshold must not exceed Routing:AnswerThreshold")
            .ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);

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
        services.AddSingleton(sp =>
        {
            var r = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Rephrase;
            IChatClient? client = r.IsConfigured
                ? OpenAiChatClient.Create(new Uri(r.Endpoint!), r.ApiKey ?? "", r.Model, TimeSpan.FromMilliseconds(r.TimeoutMilliseconds + 500))
                : null;
            return new AnswerRephraser(client, TimeSpan.FromMilliseconds(r.TimeoutMilliseconds), sp.GetRequiredService<ILogger<AnswerRephraser>>());
        });
        // Load the folder at start-up (not on the first message) and start watching it.
        services.AddHostedService<KnowledgeWarmUp>();
    }

    private sealed class KnowledgeWarmUp(KnowledgeStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = store.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

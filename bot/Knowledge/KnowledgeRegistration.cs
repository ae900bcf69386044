using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>Knowledge:* bound and checked as the bot reads them; eval binds its environment through the same call.</summary>
    public static IServiceCollection AddKnowledgeOptions(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The knowledge engine: hot-reloading FAQ store, embeddings (local unless an endpoint is configured), admin options.
    /// What is done with a shopper's message (the router, the model step, the unanswered log) registers in Routing (AddRouting).
    /// </summary>
    public static void AddKnowledge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddKnowledgeOptions();
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
        services.AddSingleton<FaqFileEditor>();
        // Load the folder at start-up (not on the first message) and start watching it.
        services.AddHostedService<KnowledgeWarmUp>();
    }

    private sealed class KnowledgeWarmUp(KnowledgeStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Routing's intent model is already being built beside this load (AddRouting registers its warm-up first).
            _ = store.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

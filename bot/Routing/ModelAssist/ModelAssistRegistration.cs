using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Rephrasing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Routing.ModelAssist;

public static class ModelAssistRegistration
{
    /// <summary>
    /// The optional model path: options (section ModelAssist), one chat client for the configured endpoint (none when
    /// off), the low-confidence decision step and the answer rephraser. Both are always registered; without an
    /// endpoint they pass the offline decision and the FAQ text through.
    /// </summary>
    public static void AddModelAssist(this IServiceCollection services)
    {
        services.AddModelAssistOptions();
        services.AddSingleton(sp => new ModelAssistChat(ChatClientFor(sp.GetRequiredService<IOptions<ModelAssistOptions>>().Value)));
        services.AddSingleton(sp => CreateRouting(
            sp.GetRequiredService<ModelAssistChat>().Client,
            sp.GetRequiredService<IOptions<ModelAssistOptions>>().Value,
            sp.GetRequiredService<IKnowledgeSource>(),
            sp.GetRequiredService<IOptions<RoutingOptions>>().Value,
            sp.GetRequiredService<ILogger<ModelAssistedRouting>>()));
        services.AddSingleton(sp => CreateRephraser(
            sp.GetRequiredService<ModelAssistChat>().Client,
            sp.GetRequiredService<IOptions<ModelAssistOptions>>().Value,
            sp.GetRequiredService<ILogger<AnswerRephraser>>()));
        services.AddHostedService<ModelAssistWarmUp>();
    }

    /// <summary>ModelAssist:* bound and checked as the bot reads them; eval binds its environment through the same call.</summary>
    public static IServiceCollection AddModelAssistOptions(this IServiceCollection services)
    {
        services.AddOptions<ModelAssistOptions>().BindConfiguration(ModelAssistOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || o.IsConfigured,
                "ModelAssist:Endpoint must be an absolute http(s) address such as https://api.openai.com/v1 (or empty to stay offline)")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "ModelAssist:Model must name a model")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The chat client for a configured endpoint; null when the model path is off.</summary>
    public static IChatClient? ChatClientFor(ModelAssistOptions options) => options.IsConfigured ? ModelClients.Chat(options) : null;

    public static ModelAssistedRouting CreateRouting(IChatClient? client, ModelAssistOptions options, IKnowledgeSource knowledge,
        RoutingOptions routingOptions, ILogger<ModelAssistedRouting> logger) =>
        new(client is not null && options.DecideLowConfidence ? new ModelRouteChooser(client, options.Timeout) : null,
            knowledge, options, routingOptions, logger);

    public static AnswerRephraser CreateRephraser(IChatClient? client, ModelAssistOptions options, ILogger<AnswerRephraser> logger) =>
        new(options.RephraseAnswers ? client : null, options.Timeout, logger);

    /// <summary>Owns the one chat client shared by both uses (disposed with the container).</summary>
    public sealed class ModelAssistChat(IChatClient? client) : IDisposable
    {
        public IChatClient? Client { get; } = client;

        public void Dispose() => Client?.Dispose();
    }
}

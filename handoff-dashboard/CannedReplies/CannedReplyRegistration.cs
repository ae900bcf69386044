using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.HandoffDashboard.CannedReplies;

public static class CannedReplyRegistration
{
    public static void AddCannedReplies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CannedReplyOptions>()
            .Bind(builder.Configuration.GetSection(CannedReplyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisCannedReplyStore>();
        builder.Services.AddSingleton<CannedReplyIndex>();
        builder.Services.AddSingleton<CannedReplyFiles>();
        builder.Services.AddSingleton<CannedReplyNotifier>();
        builder.Services.AddSingleton<CannedReplyImporter>();
        builder.Services.AddTransient<ReplyAssist>();
        builder.Services.AddSingleton<AcceptGreetingProvider>();
        builder.Services.AddSingleton<ChatSupport.HandoffDashboard.Conversations.IAcceptGreeting>(sp => sp.GetRequiredService<AcceptGreetingProvider>());
        // Reaches the bot through the knowledge tools' BotKnowledgeClient (registered by AddKnowledgeAdmin).
        builder.Services.AddTransient<ReplyAssistFaqClient>();
        builder.Services.AddHostedService<CannedReplySeeder>();
        builder.Services.AddHostedService<CannedReplyChangeListener>();
    }

}

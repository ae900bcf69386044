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
        builder.Services.AddOptions<ReplyAssistBotOptions>()
            .Bind(builder.Configuration.GetSection(ReplyAssistBotOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.AdminBaseUrl) || Uri.TryCreate(o.AdminBaseUrl, UriKind.Absolute, out _),
                "Bot:AdminBaseUrl must be an absolute URL")
            .Validate(o => o.TimeoutMilliseconds is >= 100 and <= 30_000, "Bot:TimeoutMilliseconds must be 100..30000")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisCannedReplyStore>();
        builder.Services.AddSingleton<CannedReplyIndex>();
        builder.Services.AddSingleton<CannedReplyNotifier>();
        builder.Services.AddSingleton<CannedReplyImporter>();
        builder.Services.AddTransient<ReplyAssist>();
        builder.Services.AddSingleton<AcceptGreetingProvider>();
        builder.Services.AddSingleton<ChatSupport.HandoffDashboard.Conversations.IAcceptGreeting>(sp => sp.GetRequiredService<AcceptGreetingProvider>());
        builder.Services.AddHttpClient<ReplyAssistFaqClient>();
        builder.Services.AddHostedService<CannedReplySeeder>();
        builder.Services.AddHostedService<CannedReplyChangeListener>();
    }

}

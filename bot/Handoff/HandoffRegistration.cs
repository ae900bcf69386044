namespace ChatSupport.Bot.Handoff;

public static class HandoffRegistration
{
    public static void AddHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HandoffOptions>()
            .Bind(builder.Configuration.GetSection(HandoffOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Handoff:TimeZone is not a known time zone")
            .ValidateOnStart();
        builder.Services.AddSingleton<BusinessHours>();
        builder.Services.AddSingleton<OutOfHoursReply>();
        // The bot's side of the handoff contract in Redis, one store per kind of record.
        builder.Services.AddSingleton<HandoffQueue>();
        builder.Services.AddSingleton<ToDashboardEvents>();
        builder.Services.AddSingleton<TranscriptLines>();
        builder.Services.AddSingleton<BotDailyCounters>();
        builder.Services.AddSingleton<ConversationReferences>();
        // What the bot does around people, one concept each.
        builder.Services.AddSingleton<TurnTranscript>();
        builder.Services.AddSingleton<QueueWaitEstimate>();
        builder.Services.AddSingleton<HandoffEscalation>();
        builder.Services.AddSingleton<LeaveMessage>();
        builder.Services.AddSingleton<AgentChat>();
        builder.Services.AddSingleton<RelayedEventDelivery>();
        builder.Services.AddSingleton<SatisfactionSurvey>();
        builder.Services.AddHostedService<HandoffRelay>();
    }
}

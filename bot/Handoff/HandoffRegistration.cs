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
        builder.Services.AddSingleton<HandoffStore>();
        builder.Services.AddSingleton<HandoffConversation>();
        builder.Services.AddHostedService<HandoffRelay>();
    }
}

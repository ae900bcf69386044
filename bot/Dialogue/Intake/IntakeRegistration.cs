namespace ChatSupport.Bot.Dialogue.Intake;

public static class IntakeRegistration
{
    public static void AddIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>()
            .Bind(builder.Configuration.GetSection(IntakeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IntakeStore>();
        builder.Services.AddSingleton<AfterSalesIntake>();
        builder.Services.AddHostedService<IntakeStallWorker>();
    }
}

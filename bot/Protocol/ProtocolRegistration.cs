namespace ChatSupport.Bot.Protocol;

public static class ProtocolRegistration
{
    /// <summary>The turn pipeline: adapter, Redis state with ETags, connectors and deferred turns (the handler is Dialogue's, AddDialogue).</summary>
    public static void AddBotProtocol(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BotFrameworkOptions>()
            .Bind(builder.Configuration.GetSection(BotFrameworkOptions.SectionName))
            .Validate(o => !o.AuthenticationEnabled || !string.IsNullOrEmpty(o.MicrosoftAppPassword),
                "BotFramework:MicrosoftAppPassword is required when BotFramework:MicrosoftAppId is set")
            .ValidateOnStart();
        builder.Services.AddHttpClient();
        builder.Services.AddConnectorClient(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BotFrameworkAuthenticator>();
        builder.Services.AddSingleton<ConnectorTokenProvider>();
        builder.Services.AddSingleton<HttpConnectorClient>();
        builder.Services.AddSingleton<RedisBotStateStore>();
        builder.Services.AddSingleton<BotAdapter>();
        // Shopper messages whose turn could not run are retried, in order, by every instance (see DeferredTurns).
        builder.Services.AddOptions<DeferredTurnOptions>().Bind(builder.Configuration.GetSection(DeferredTurnOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeferredTurns>();
        builder.Services.AddSingleton<ChannelConnectors>();
        builder.Services.AddHostedService<DeferredTurnWorker>();
    }
}

namespace ChatSupport.Bot.DirectLine;

public static class DirectLineRegistration
{
    public static void AddDirectLine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectLineOptions>()
            .Bind(builder.Configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DirectLineTokenService>();
        builder.Services.AddSingleton<DirectLineConversationStore>();
        builder.Services.AddSingleton<EmbeddedDirectLineConnector>();
        builder.Services.AddSingleton<DirectLineChannel>();
        builder.Services.AddSingleton<ConversationRateLimiter>();
        builder.Services.AddSingleton<DirectLineStreams>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DirectLineStreams>());
    }

    public static void UseDirectLine(this WebApplication app)
    {
        // Clients ping with an empty frame every 20 s; the server answers keep-alives too.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapDirectLine();
    }
}

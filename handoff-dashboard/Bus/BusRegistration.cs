namespace ChatSupport.HandoffDashboard.Bus;

public static class BusRegistration
{
    /// <summary>The listener that follows both handoff streams and pushes to this instance's pages.</summary>
    public static void AddHandoffBus(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HandoffEventDispatcher>();
        builder.Services.AddHostedService<HandoffBusListener>();
    }
}

namespace ChatSupport.HandoffDashboard.Agents;

public static class AgentsRegistration
{
    /// <summary>Presence (online / away / offline), open pages per agent, and the grace period setting.</summary>
    public static void AddAgents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentsOptions>()
            .Bind(builder.Configuration.GetSection(AgentsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AgentPresence>();
        builder.Services.AddSingleton<AgentConnections>();
    }
}

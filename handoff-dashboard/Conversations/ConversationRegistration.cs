using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatSupport.HandoffDashboard.Agents;

namespace ChatSupport.HandoffDashboard.Conversations;

public static class ConversationRegistration
{
    /// <summary>Queue, assignment, chats, the agent hub and the background sweep (auto-assignment, grace periods).</summary>
    public static void AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationOptions>()
            .Bind(builder.Configuration.GetSection(ConversationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<ConversationGate>();
        builder.Services.AddSingleton<ConversationAssignment>();
        builder.Services.AddSingleton<AutoAssigner>();
        builder.Services.AddSingleton<AssignmentTrigger>();
        builder.Services.AddSingleton<ConversationChangeNotice>();
        builder.Services.AddSingleton<Agents.IAgentAvailabilityListener>(sp => sp.GetRequiredService<AssignmentTrigger>());
        // The canned-replies feature registers the real greeting; TryAdd lets it win whether it registers before or after.
        builder.Services.TryAddSingleton<IAcceptGreeting, NoAcceptGreeting>();
        // The Customers feature registers the customer's own agent; TryAdd lets it win in either order.
        builder.Services.TryAddSingleton<IPreferredAgent, NoPreferredAgent>();
        builder.Services.TryAddSingleton<IPassedOverAgents, NobodyPassedOver>();
        builder.Services.AddHostedService<AssignmentSweepService>();
        builder.Services.AddSignalR();
    }
}

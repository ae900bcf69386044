using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>Section "Agents": presence and the grace period after an agent's pages all close.</summary>
public sealed class AgentsOptions
{
    public const string SectionName = "Agents";

    /// <summary>How long an agent's chats stay theirs after their last dashboard page disconnects, before they go back to the queue.</summary>
    [Range(1, 3600)] public int DisconnectGraceSeconds { get; set; } = 60;

    public TimeSpan DisconnectGrace => TimeSpan.FromSeconds(DisconnectGraceSeconds);
}

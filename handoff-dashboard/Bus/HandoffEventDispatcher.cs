using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.HandoffDashboard.Bus;

/// <summary>
/// Turns the events on both handoff streams into pushes to THIS instance's pages. Every instance reads both
/// streams, so an agent hears about a change whichever instance made it and whichever instance they are on.
/// Anything that changes Redis here must be idempotent (all instances run it).
/// </summary>
public sealed class HandoffEventDispatcher(
    IHubContext<AgentHub, IAgentClient> hub,
    AgentConnections connections,
    ConversationStore store,
    ConversationAssignment assignment,
    AssignmentTrigger trigger,
    ChatSupport.HandoffDashboard.Attachments.TranscriptAttachmentLinks attachmentLinks)
{
    /// <summary>Bot → dashboard facts.</summary>
    public async Task FromBotAsync(HandoffEvent e)
    {
        var id = e.ConversationId;
        switch (e.Kind)
        {
            case HandoffEventKinds.EscalationRequested:
                await hub.Clients.Group(AgentGroups.AllAgents).QueueChanged(new(id, "added"));
                trigger.Request();
                break;
            case HandoffEventKinds.CustomerReplied:
                await hub.Clients.Group(AgentGroups.Conversation(id)).ConversationMessage(new(
                    id, TranscriptSenders.Customer, e.CustomerName, e.Text ?? "", e.At, e.ActivityId, e.ClientMessageId, attachmentLinks.Sign(e).Attachments));
                var owner = (await store.GetAsync(id))?.Assignee;
                if (owner is not null && connections.LocalConnectionsOf(owner).Count > 0)
                {
                    await hub.Clients.Group(AgentGroups.Agent(owner)).UnreadChanged(new(id, await store.UnreadAsync(owner, id)));
                }
                break;
            case HandoffEventKinds.CustomerLeft:
                await assignment.LeaveQueueAsync(id);
                await hub.Clients.Group(AgentGroups.AllAgents).QueueChanged(new(id, "removed"));
                await hub.Clients.Group(AgentGroups.Conversation(id)).ConversationUpdated(new(id, e.Kind, e.Text, e.Note));
                break;
            case HandoffEventKinds.SurveyAnswered:
                await hub.Clients.Group(AgentGroups.Conversation(id)).ConversationUpdated(new(id, e.Kind, e.Text, e.Note));
                // The survey comes after the close, when the agent who had the chat has left its group: they
                // still get the rating of their own chat, on their own group.
                if (await store.GetAsync(id) is { Status: ConversationStatus.Closed, Assignee: { } previous })
                {
                    await hub.Clients.Group(AgentGroups.Agent(previous)).ConversationUpdated(new(id, e.Kind, e.Text, e.Note));
                }
                break;
            // CaseLeft and unknown kinds: other features (or newer versions) handle them.
        }
    }

    /// <summary>Dashboard → bot facts, read back so every instance's pages follow changes made on any instance.</summary>
    public async Task FromDashboardAsync(HandoffEvent e)
    {
        var id = e.ConversationId;
        var conversationGroup = AgentGroups.Conversation(id);
        switch (e.Kind)
        {
            case HandoffEventKinds.AgentJoined:
                await hub.Clients.Group(conversationGroup).ConversationUpdated(new(id, e.Kind, e.AgentName, null));
                await DropWatchersAsync(id, newOwner: e.AgentId);
                await FollowAsync(e.AgentId, conversationGroup);
                await hub.Clients.Group(AgentGroups.AllAgents).QueueChanged(new(id, "removed"));
                await hub.Clients.Groups(AgentOrSupervisors(e.AgentId)).AssignmentChanged(new(id, e.AgentId, e.AgentName, null, null, "assigned"));
                break;
            case HandoffEventKinds.AgentReplied:
                await hub.Clients.Group(conversationGroup).ConversationMessage(new(
                    id, TranscriptSenders.Agent, e.AgentName, e.Text ?? "", e.At, e.ActivityId, e.ClientMessageId, attachmentLinks.Sign(e).Attachments));
                break;
            case HandoffEventKinds.ConversationTransferred:
                await DropWatchersAsync(id, newOwner: e.ToAgentId);
                await FollowAsync(e.ToAgentId, conversationGroup);
                await hub.Clients.Group(conversationGroup).ConversationUpdated(new(id, e.Kind, e.AgentName, e.Note));
                await UnfollowAsync(e.AgentId, conversationGroup);
                if (e.AgentId is not null) await store.ForgetReadMarkAsync(e.AgentId, id);
                await hub.Clients.Groups([.. AgentOrSupervisors(e.ToAgentId), .. AgentOrNone(e.AgentId)])
                    .AssignmentChanged(new(id, e.ToAgentId, e.AgentName, e.AgentId, e.Note, "transferred"));
                break;
            case HandoffEventKinds.ConversationClosed:
                await hub.Clients.Group(conversationGroup).ConversationUpdated(new(id, e.Kind, null, null));
                // The chat is no longer theirs: if the shopper comes back and someone else takes it, the previous
                // owner must not keep hearing it (ConversationAccess: only the holder and supervisors follow it).
                await UnfollowAsync(e.AgentId, conversationGroup);
                await DropWatchersAsync(id, newOwner: null);
                // The agent's read mark of a chat they no longer hold is never read again (bounded growth).
                if (e.AgentId is not null) await store.ForgetReadMarkAsync(e.AgentId, id);
                await hub.Clients.Groups(AgentOrSupervisors(e.AgentId)).AssignmentChanged(new(id, null, null, e.AgentId, null, "closed"));
                trigger.Request();
                break;
            case HandoffEventKinds.ConversationRequeued:
                await hub.Clients.Group(conversationGroup).ConversationUpdated(new(id, e.Kind, null, e.Note));
                await UnfollowAsync(e.AgentId, conversationGroup);
                if (e.AgentId is not null) await store.ForgetReadMarkAsync(e.AgentId, id);
                await hub.Clients.Group(AgentGroups.AllAgents).QueueChanged(new(id, "added"));
                await hub.Clients.Groups(AgentOrSupervisors(e.AgentId)).AssignmentChanged(new(id, null, null, e.AgentId, e.Note, "requeued"));
                trigger.Request();
                break;
        }
    }

    /// <summary>Transient typing hints (pub/sub, may be lost).</summary>
    public Task TypingAsync(HandoffEvent e) => e.Kind switch
    {
        HandoffEventKinds.CustomerTyping => hub.Clients.Group(AgentGroups.Conversation(e.ConversationId))
            .Typing(new(e.ConversationId, TranscriptSenders.Customer, e.CustomerName)),
        HandoffEventKinds.AgentTyping => hub.Clients.Group(AgentGroups.Conversation(e.ConversationId))
            .Typing(new(e.ConversationId, TranscriptSenders.Agent, e.AgentName)),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Agents who were looking at a queued chat stop receiving it once someone owns it (they may see only queued
    /// chats and their own). Supervisors are never registered as watchers, so they keep following.
    /// </summary>
    private async Task DropWatchersAsync(string conversationId, string? newOwner)
    {
        foreach (var (connection, agent) in connections.TakeWatchers(conversationId))
        {
            if (agent != newOwner) await hub.Groups.RemoveFromGroupAsync(connection, AgentGroups.Conversation(conversationId));
        }
    }

    private async Task FollowAsync(string? agentId, string group)
    {
        if (agentId is null) return;
        foreach (var connection in connections.LocalConnectionsOf(agentId))
        {
            await hub.Groups.AddToGroupAsync(connection, group);
        }
    }

    private async Task UnfollowAsync(string? agentId, string group)
    {
        if (agentId is null) return;
        foreach (var connection in connections.LocalConnectionsOf(agentId))
        {
            await hub.Groups.RemoveFromGroupAsync(connection, group);
        }
    }

    private static IReadOnlyList<string> AgentOrSupervisors(string? agentId) =>
        agentId is null ? [AgentGroups.Supervisors] : [AgentGroups.Agent(agentId), AgentGroups.Supervisors];

    private static IReadOnlyList<string> AgentOrNone(string? agentId) =>
        agentId is null ? [] : [AgentGroups.Agent(agentId)];
}

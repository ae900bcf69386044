using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>An agent as the assignment needs them: id and the name the shopper is told.</summary>
public sealed record AgentRef(string Id, string Name)
{
    public static AgentRef Of(ChatSupport.HandoffDashboard.Auth.SignedInAgent agent) => new(agent.Id, agent.Name);
}

/// <summary>
/// Every change of who owns a conversation, and agent replies: each one atomic in Redis together with
/// its event on the dashboard → bot stream (see <see cref="AssignmentScripts"/>).
/// </summary>
public sealed class ConversationAssignment(
    IConnectionMultiplexer redis,
    IAcceptGreeting greeting,
    IOptions<ConversationOptions> options,
    ILogger<ConversationAssignment> logger)
{
    private ConversationOptions Options => options.Value;
    private TimeSpan Retention => TimeSpan.FromDays(Options.TranscriptRetentionDays);

    /// <summary>Gives a waiting chat to an agent. <paramref name="limit"/> (auto-assignment) refuses when they are full; manual accepts pass null.</summary>
    public async Task<AssignmentOutcome> AssignAsync(string conversationId, AgentRef agent, int? limit, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var joined = new HandoffEvent
        {
            Kind = HandoffEventKinds.AgentJoined, ConversationId = conversationId, At = now, AgentId = agent.Id, AgentName = agent.Name,
        };
        var code = await EvalAsync(AssignmentScripts.Assign,
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, AgentKeys.Conversations(agent.Id), QueueKeys.LastAssigned],
            [conversationId, agent.Id, agent.Name, ConversationSnapshot.FormatTime(now), limit ?? -1, now.ToUnixTimeMilliseconds()],
            joined);
        var outcome = ToOutcome(code);
        if (outcome != AssignmentOutcome.Done) return outcome;

        ConversationsLog.Assigned(logger, conversationId, agent.Id, limit is null ? "accept" : "auto");
        var text = await greeting.GreetingForAsync(agent.Id, conversationId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(text))
        {
            await ReplyAsync(conversationId, agent, text, Guid.NewGuid().ToString("N"), cancellationToken);
        }
        return outcome;
    }

    /// <summary>Relays an agent's message to the bot, which delivers it to the shopper and appends it to the transcript.</summary>
    public async Task<AssignmentOutcome> ReplyAsync(string conversationId, AgentRef agent, string text, string clientMessageId, CancellationToken cancellationToken,
        IReadOnlyList<AttachmentRef>? attachments = null)
    {
        var replied = new HandoffEvent
        {
            Kind = HandoffEventKinds.AgentReplied, ConversationId = conversationId, AgentId = agent.Id, AgentName = agent.Name,
            Text = text, ClientMessageId = clientMessageId, Attachments = attachments is { Count: > 0 } ? attachments : null,
        };
        var code = await EvalAsync(AssignmentScripts.Reply,
            [HandoffKeys.Conversation(conversationId), ConversationKeys.SentMessage(clientMessageId)], [agent.Id], replied);
        return ToOutcome(code);
    }

    /// <summary>Moves an agent's chat to another agent (transfer by the owner, or reassignment by a supervisor).</summary>
    public async Task<AssignmentOutcome> TransferAsync(string conversationId, string fromAgentId, AgentRef to, string? note, AgentRef by, CancellationToken cancellationToken)
    {
        var transferred = new HandoffEvent
        {
            Kind = HandoffEventKinds.ConversationTransferred, ConversationId = conversationId,
            AgentId = fromAgentId, ToAgentId = to.Id, AgentName = to.Name, Note = note,
        };
        var code = await EvalAsync(AssignmentScripts.Transfer,
            [HandoffKeys.Conversation(conversationId), AgentKeys.Conversations(fromAgentId), AgentKeys.Conversations(to.Id)],
            [conversationId, fromAgentId, to.Id, to.Name], transferred);
        var outcome = ToOutcome(code);
        if (outcome == AssignmentOutcome.Done) ConversationsLog.Transferred(logger, conversationId, fromAgentId, to.Id, by.Id);
        return outcome;
    }

    public async Task<AssignmentOutcome> CloseAsync(string conversationId, string ownerId, AgentRef by, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var closed = new HandoffEvent
        {
            Kind = HandoffEventKinds.ConversationClosed, ConversationId = conversationId, At = now, AgentId = ownerId, AgentName = by.Name,
        };
        var code = await EvalAsync(AssignmentScripts.Close,
            [HandoffKeys.Conversation(conversationId), AgentKeys.Conversations(ownerId)],
            [conversationId, ownerId, ConversationSnapshot.FormatTime(now), (long)Retention.TotalSeconds],
            closed);
        var outcome = ToOutcome(code);
        if (outcome == AssignmentOutcome.Done)
        {
            // The transcript is in the conversation's own slot ({conv:id}), not the status script's ({queue}): it gets
            // the closed chat's retention right after. Only its expiry waits on this; the close itself is already
            // atomic with its event, and the bot renews the same expiry on every transcript append anyway.
            var db = redis.GetDatabase();
            await db.KeyExpireAsync(HandoffKeys.Transcript(conversationId), Retention);
            await db.KeyExpireAsync(HandoffContract.Keys.ConversationKeys.TranscriptIds(conversationId), Retention);
        }
        if (outcome == AssignmentOutcome.Done) ConversationsLog.Closed(logger, conversationId, ownerId, by.Id);
        return outcome;
    }

    /// <summary>Puts an agent's chat back in the queue at its original place (its escalation time and priority).</summary>
    public async Task<AssignmentOutcome> RequeueAsync(ConversationSnapshot conversation, string ownerId, string why, CancellationToken cancellationToken)
    {
        var requeued = new HandoffEvent
        {
            Kind = HandoffEventKinds.ConversationRequeued, ConversationId = conversation.Id, AgentId = ownerId, Note = why,
        };
        var code = await EvalAsync(AssignmentScripts.Requeue,
            [HandoffKeys.Conversation(conversation.Id), AgentKeys.Conversations(ownerId), HandoffKeys.Queue],
            [conversation.Id, ownerId, conversation.QueueScore], requeued);
        var outcome = ToOutcome(code);
        if (outcome == AssignmentOutcome.Done) ConversationsLog.Requeued(logger, conversation.Id, ownerId, why);
        return outcome;
    }

    /// <summary>A shopper who left while waiting leaves the queue (idempotent: every instance may run it).</summary>
    public async Task<bool> LeaveQueueAsync(string conversationId)
    {
        // The bot normally ran the same script already (it then finds the chat Closed): no event is appended here.
        var code = await redis.GetDatabase().ScriptEvaluateAsync(AssignmentScripts.LeaveQueue,
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [conversationId, ConversationSnapshot.FormatTime(DateTimeOffset.UtcNow), "", HandoffKeys.ToDashboardWakeUpChannel]);
        return (int)code == 1;
    }

    private async Task<int> EvalAsync(string script, RedisKey[] keys, RedisValue[] args, HandoffEvent evt)
    {
        RedisKey[] allKeys = [.. keys, HandoffKeys.ToBotStream];
        RedisValue[] allArgs = [.. args, evt.ToJson(), HandoffKeys.ToBotWakeUpChannel, Options.StreamMaxLength];
        return (int)await redis.GetDatabase().ScriptEvaluateAsync(script, allKeys, allArgs);
    }

    private static AssignmentOutcome ToOutcome(int code) => code switch
    {
        1 => AssignmentOutcome.Done,
        -1 => AssignmentOutcome.NotFound,
        -2 => AssignmentOutcome.AtCapacity,
        2 => AssignmentOutcome.Duplicate,
        _ => AssignmentOutcome.Conflict,
    };
}

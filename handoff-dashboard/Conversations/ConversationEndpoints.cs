using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// The queue and chat API the pages use. Agents see queued chats and their own; supervisors and admins see all.
/// Errors are ProblemDetails with a Chinese title the pages show as is.
/// </summary>
public static class ConversationEndpoints
{
    public static void MapConversations(this WebApplication app)
    {
        app.MapHub<AgentHub>("/hubs/agent");

        var api = app.MapGroup("/api").WithTags("Conversations");
        api.MapGet("/queue", GetQueueAsync);
        api.MapGet("/conversations/mine", GetMineAsync);
        api.MapGet("/conversations/active", GetActiveAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy);
        api.MapGet("/conversations/{id}/transcript", GetTranscriptAsync);
        api.MapGet("/conversations/{id}/earlier", GetEarlierAsync);
        api.MapPost("/conversations/{id}/accept", AcceptAsync);
        api.MapPost("/conversations/{id}/messages", SendAsync);
        api.MapPost("/conversations/{id}/read", MarkReadAsync);
        api.MapPost("/conversations/{id}/transfer", TransferAsync);
        api.MapPost("/conversations/{id}/reassign", ReassignAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy);
        api.MapPost("/conversations/{id}/close", CloseAsync);
    }

    private static async Task<IResult> GetQueueAsync(ConversationStore store)
    {
        var now = DateTimeOffset.UtcNow;
        var queue = await store.QueueAsync();
        return Results.Ok(queue.Select((c, i) => new QueueItem(
            c.Id, c.CustomerName, c.Reason, c.EscalatedAt, i + 1, Math.Max(0, (now - (c.EscalatedAt ?? now)).TotalSeconds))).ToList());
    }

    private static async Task<IResult> GetMineAsync(SignedInAgent user, ConversationStore store)
    {
        var me = user.Id;
        var mine = await store.GetManyAsync(await store.AgentConversationIdsAsync(me));
        var result = new List<MyConversation>();
        foreach (var c in mine.Where(c => c.Status == ConversationStatus.WithAgent && c.Assignee == me).OrderBy(c => c.AcceptedAt))
        {
            result.Add(new MyConversation(c.Id, c.CustomerName, c.Reason, c.Status!.Value.ToString(), c.AcceptedAt, await store.UnreadAsync(me, c.Id)));
        }
        return Results.Ok(result);
    }

    private static async Task<IResult> GetActiveAsync(RedisUserStore users, ConversationStore store)
    {
        var result = new List<ActiveConversation>();
        foreach (var agent in await users.ListAsync())
        {
            foreach (var c in await store.GetManyAsync(await store.AgentConversationIdsAsync(agent.Id)))
            {
                if (c.Status == ConversationStatus.WithAgent) result.Add(new(ConversationDetails.From(c), await store.UnreadAsync(agent.Id, c.Id)));
            }
        }
        return Results.Ok(result.OrderBy(a => a.Conversation.AcceptedAt).ToList());
    }

    private static async Task<IResult> GetTranscriptAsync(string id, SignedInAgent user, ConversationGate gate, ConversationStore store,
        ITranscriptLinks links)
    {
        var (conversation, denied) = await ViewableAsync(id, user, gate);
        if (denied is not null) return denied;
        // Files come with fresh short-lived URLs, signed for this conversation, only after the access check above.
        return Results.Ok(new TranscriptResponse(ConversationDetails.From(conversation!), links.Sign(id, await store.TranscriptAsync(id))));
    }

    private static async Task<IResult> GetEarlierAsync(string id, SignedInAgent user, ConversationGate gate, ConversationStore store, IOptions<ConversationOptions> options,
        ITranscriptLinks links)
    {
        var (conversation, denied) = await ViewableAsync(id, user, gate);
        if (denied is not null) return denied;
        if (conversation!.CustomerId is null) return Results.Ok(Array.Empty<EarlierConversation>());
        var result = new List<EarlierConversation>();
        foreach (var earlier in await store.EarlierAsync(conversation.CustomerId, id, options.Value.EarlierConversations))
        {
            // The shopper's chat another agent holds right now is that agent's, not context for this one.
            if (!ConversationAccess.CanViewAsEarlier(user, earlier)) continue;
            result.Add(new(ConversationDetails.From(earlier), links.Sign(earlier.Id, await store.TranscriptAsync(earlier.Id, -50, -1))));
        }
        return Results.Ok(result);
    }

    private static async Task<IResult> AcceptAsync(string id, SignedInAgent user, ConversationAssignment assignment, ConversationStore store, CancellationToken ct)
    {
        var outcome = await assignment.AssignAsync(id, AgentRef.Of(user), limit: null, ct);
        return outcome switch
        {
            AssignmentOutcome.Done => Results.Ok(ConversationDetails.From((await store.GetAsync(id))!)),
            AssignmentOutcome.NotFound => NotFound(),
            _ => Problem(StatusCodes.Status409Conflict, "该会话已被其他客服接入或已结束。"),
        };
    }

    private static async Task<IResult> SendAsync(
        string id, SendMessageRequest request, SignedInAgent user, ConversationAssignment assignment, ConversationStore store,
        IOptions<ConversationOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(request.Text)) return Invalid("text", "消息不能为空。");
        if (request.Text.Length > max) return Invalid("text", $"消息过长（最多 {max} 个字，当前 {request.Text.Length} 个字）。");
        var clientMessageId = string.IsNullOrWhiteSpace(request.ClientMessageId) ? Guid.NewGuid().ToString("N") : request.ClientMessageId.Trim();
        if (clientMessageId.Length > 100) return Invalid("clientMessageId", "clientMessageId 过长（最多 100 个字符）。");

        var conversation = await store.GetAsync(id);
        if (conversation is null) return NotFound();
        if (conversation.Assignee != user.Id || conversation.Status != ConversationStatus.WithAgent)
        {
            return conversation.Assignee == user.Id
                ? Problem(StatusCodes.Status409Conflict, "会话已不在人工服务中，消息未发送。")
                : Problem(StatusCodes.Status403Forbidden, "只有负责该会话的客服可以回复。");
        }
        var outcome = await assignment.ReplyAsync(id, AgentRef.Of(user), request.Text, clientMessageId, ct);
        if (outcome is AssignmentOutcome.Done or AssignmentOutcome.Duplicate) await store.MarkReadAsync(user.Id, id);
        return outcome switch
        {
            AssignmentOutcome.Done => Results.Accepted(value: new SendMessageResponse(clientMessageId, false)),
            AssignmentOutcome.Duplicate => Results.Accepted(value: new SendMessageResponse(clientMessageId, true)),
            AssignmentOutcome.NotFound => NotFound(),
            _ => Problem(StatusCodes.Status409Conflict, "会话已不在人工服务中，消息未发送。"),
        };
    }

    private static async Task<IResult> MarkReadAsync(string id, SignedInAgent user, ConversationGate gate, ConversationStore store)
    {
        var (_, denied) = await ViewableAsync(id, user, gate);
        if (denied is not null) return denied;
        await store.MarkReadAsync(user.Id, id);
        return Results.NoContent();
    }

    private static async Task<IResult> TransferAsync(
        string id, TransferRequest request, SignedInAgent user, ConversationStore store, ConversationAssignment assignment,
        RedisUserStore users, AgentPresence presence, IOptions<ConversationOptions> options, CancellationToken ct)
    {
        var note = request.Note?.Trim();
        if (note?.Length > options.Value.MaxNoteLength) return Invalid("note", $"备注过长（最多 {options.Value.MaxNoteLength} 个字）。");
        var conversation = await store.GetAsync(id);
        if (conversation is null) return NotFound();
        var me = user.Id;
        if (conversation.Status != ConversationStatus.WithAgent) return Problem(StatusCodes.Status409Conflict, "会话不在人工服务中，无法转接。");
        if (conversation.Assignee != me && !user.IsSupervisor) return Problem(StatusCodes.Status403Forbidden, "只有负责该会话的客服可以转接。");

        DashboardUser? target;
        if (request.ToSupervisor == true)
        {
            target = await LeastBusyOnlineSupervisorAsync(users, presence, except: conversation.Assignee!);
            if (target is null) return Problem(StatusCodes.Status409Conflict, "当前没有在线的主管。");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.ToAgentId)) return Invalid("toAgentId", "请选择转接对象。");
            target = await users.FindAsync(request.ToAgentId);
            if (target is null) return Problem(StatusCodes.Status404NotFound, "转接对象不存在。");
            if (target.Disabled) return Problem(StatusCodes.Status409Conflict, "对方账号已停用，无法转接。");
            if (target.Id == conversation.Assignee) return Invalid("toAgentId", "不能转接给当前负责的客服。");
            if (await presence.GetAsync(target.Id) != AgentStatus.Online) return Problem(StatusCodes.Status409Conflict, "对方当前不在线，无法转接。");
        }
        return await MoveAsync(id, conversation.Assignee!, target, note, user, assignment, store, ct);
    }

    private static async Task<IResult> ReassignAsync(
        string id, ReassignRequest request, SignedInAgent user, ConversationStore store, ConversationAssignment assignment,
        RedisUserStore users, IOptions<ConversationOptions> options, CancellationToken ct)
    {
        var note = request.Note?.Trim();
        if (note?.Length > options.Value.MaxNoteLength) return Invalid("note", $"备注过长（最多 {options.Value.MaxNoteLength} 个字）。");
        if (string.IsNullOrWhiteSpace(request.ToAgentId)) return Invalid("toAgentId", "请选择接手的客服。");
        var conversation = await store.GetAsync(id);
        if (conversation is null) return NotFound();
        var target = await users.FindAsync(request.ToAgentId);
        if (target is null) return Problem(StatusCodes.Status404NotFound, "接手的客服不存在。");
        if (target.Disabled) return Problem(StatusCodes.Status409Conflict, "该客服账号已停用，无法分配。");
        if (conversation.Status == ConversationStatus.WaitingForAgent)
        {
            // A supervisor may also hand a waiting chat straight to someone.
            var outcome = await assignment.AssignAsync(id, new AgentRef(target.Id, target.DisplayName), limit: null, ct);
            return outcome == AssignmentOutcome.Done
                ? Results.Ok(ConversationDetails.From((await store.GetAsync(id))!))
                : Problem(StatusCodes.Status409Conflict, "该会话状态已变化，请刷新后重试。");
        }
        if (conversation.Status != ConversationStatus.WithAgent) return Problem(StatusCodes.Status409Conflict, "会话不在人工服务中，无法分配。");
        if (target.Id == conversation.Assignee) return Invalid("toAgentId", "该客服已在负责此会话。");
        return await MoveAsync(id, conversation.Assignee!, target, note, user, assignment, store, ct);
    }

    private static async Task<IResult> MoveAsync(
        string id, string from, DashboardUser target, string? note, SignedInAgent user, ConversationAssignment assignment, ConversationStore store, CancellationToken ct)
    {
        var outcome = await assignment.TransferAsync(id, from, new AgentRef(target.Id, target.DisplayName), note, AgentRef.Of(user), ct);
        return outcome switch
        {
            AssignmentOutcome.Done => Results.Ok(ConversationDetails.From((await store.GetAsync(id))!)),
            AssignmentOutcome.NotFound => NotFound(),
            _ => Problem(StatusCodes.Status409Conflict, "会话状态已变化，请刷新后重试。"),
        };
    }

    private static async Task<IResult> CloseAsync(string id, SignedInAgent user, ConversationStore store, ConversationAssignment assignment, CancellationToken ct)
    {
        var conversation = await store.GetAsync(id);
        if (conversation is null) return NotFound();
        if (conversation.Assignee != user.Id && !user.IsSupervisor) return Problem(StatusCodes.Status403Forbidden, "只有负责该会话的客服可以结束会话。");
        if (conversation.Status != ConversationStatus.WithAgent) return Problem(StatusCodes.Status409Conflict, "会话不在人工服务中。");
        var outcome = await assignment.CloseAsync(id, conversation.Assignee!, AgentRef.Of(user), ct);
        return outcome switch
        {
            AssignmentOutcome.Done => Results.Ok(ConversationDetails.From((await store.GetAsync(id))!)),
            AssignmentOutcome.NotFound => NotFound(),
            _ => Problem(StatusCodes.Status409Conflict, "会话状态已变化，请刷新后重试。"),
        };
    }

    private static async Task<DashboardUser?> LeastBusyOnlineSupervisorAsync(RedisUserStore users, AgentPresence presence, string except)
    {
        var online = await presence.OnlineAsync();
        var supervisors = (await users.ListAsync())
            .Where(u => u.Id != except && !u.Disabled && online.Contains(u.Id) && (u.Roles.Contains(DashboardRoles.Supervisor) || u.Roles.Contains(DashboardRoles.Admin)))
            .ToList();
        if (supervisors.Count == 0) return null;
        var loads = await presence.LoadsAsync(supervisors.Select(s => s.Id));
        return supervisors.OrderBy(s => loads[s.Id]).ThenBy(s => s.Id, StringComparer.Ordinal).First();
    }

    private static async Task<(ConversationSnapshot? Conversation, IResult? Denied)> ViewableAsync(string id, SignedInAgent user, ConversationGate gate)
    {
        var (visibility, conversation) = await gate.CheckAsync(user, id);
        return visibility switch
        {
            ConversationVisibility.Visible => (conversation, null),
            ConversationVisibility.NotFound => (null, NotFound()),
            _ => (null, Problem(StatusCodes.Status403Forbidden, "无权查看此会话：只能查看排队中的会话和自己负责的会话。")),
        };
    }

    private static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "会话不存在。");

    private static IResult Problem(int status, string title) => Results.Problem(title: title, statusCode: status);

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message);
}

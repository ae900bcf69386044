using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Redis;

namespace ChatSupport.HandoffDashboard.Complaints;

public sealed record TransitionOutcome(TransitionCheck Check, ComplaintDetail? Detail, bool NotFound = false);

/// <summary>Opening and stepping complaints: the rules of <see cref="ComplaintFlow"/> applied to the store.</summary>
public sealed partial class ComplaintService(
    ComplaintStore store,
    ComplaintCategoryStore categories,
    ComplaintPrefill prefill,
    ComplaintEvidence evidence,
    TimeProvider clock,
    ILogger<ComplaintService> logger)
{
    public async Task<(ComplaintDetail? Detail, Dictionary<string, string[]>? Errors)> OpenAsync(OpenComplaintRequest request, SignedInAgent actor)
    {
        var errors = new Dictionary<string, string[]>();
        ChatFacts? chat = null;
        var conversationId = request.ConversationId?.Trim();
        if (!string.IsNullOrEmpty(conversationId))
        {
            chat = await prefill.ReadAsync(conversationId);
            if (chat is null) errors["conversationId"] = ["找不到这个会话。"];
        }
        var customerName = Clean(request.CustomerName) ?? chat?.CustomerName;
        var customerId = Clean(request.CustomerId) ?? chat?.CustomerId;
        var summary = Clean(request.Summary);
        if (customerName is null && customerId is null && chat is null)
            errors["customerName"] = ["请填写顾客，或从会话登记。"];
        if (summary is null && chat is null)
            errors["summary"] = ["请填写投诉内容。"];
        var category = Clean(request.Category);
        if (category is not null && !(await categories.ListAsync()).Contains(category))
            errors["category"] = [$"类别“{category}”不在类别列表中。"];
        if (summary?.Length > 4000) errors["summary"] = ["投诉内容最多 4000 字。"];
        if (errors.Count > 0) return (null, errors);

        var now = clock.GetUtcNow();
        var id = await store.NextIdAsync(now);
        // The chat's photos are the evidence: pinned before the complaint exists, so the sweeper cannot take them in between.
        var excerpt = chat is null ? [] : await evidence.PinAsync(id, conversationId!, chat.Excerpt);
        var complaint = new Complaint
        {
            Id = id,
            State = ComplaintState.Accepted.ToWireName(),
            Category = category,
            CustomerId = customerId,
            CustomerName = customerName,
            Channel = Clean(request.Channel) ?? (chat is null ? null : "网页聊天"),
            OrderNumber = Clean(request.OrderNumber) ?? chat?.OrderNumber,
            ConversationId = string.IsNullOrEmpty(conversationId) ? null : conversationId,
            Summary = summary,
            TranscriptExcerpt = excerpt,
            OpenedAt = now,
            OpenedBy = actor.Id,
            OpenedByName = actor.Name,
            UpdatedAt = now,
        };
        var opened = new ComplaintHistoryEntry(now, actor.Id, actor.Name, null, complaint.State, "登记投诉", null);
        try
        {
            await store.CreateAsync(complaint, opened);
        }
        catch (StackExchange.Redis.RedisException)
        {
            await evidence.UnpinAsync(complaint);
            throw;
        }
        Log.Opened(logger, complaint.Id, actor.Id);
        return (new ComplaintDetail(complaint, [opened], ComplaintFlow.NextSteps(complaint, actor.IsSupervisor)), null);
    }

    /// <summary>
    /// Deletes a complaint. Its files' pins go first: a failure after that leaves a complaint without photos (still deletable), never
    /// files held for a complaint that no longer exists.
    /// </summary>
    public async Task<bool> DeleteAsync(Complaint complaint)
    {
        await evidence.UnpinAsync(complaint);
        var deleted = await store.DeleteAsync(complaint);
        if (deleted) Log.Deleted(logger, complaint.Id);
        return deleted;
    }

    public async Task<ComplaintDetail?> DetailAsync(string id, SignedInAgent actor)
    {
        var complaint = await store.GetAsync(id);
        if (complaint is null) return null;
        return new ComplaintDetail(complaint, await store.HistoryAsync(id), ComplaintFlow.NextSteps(complaint, actor.IsSupervisor));
    }

    public async Task<TransitionOutcome> TransitionAsync(string id, ComplaintTransitionRequest request, SignedInAgent actor)
    {
        var complaint = await store.GetAsync(id);
        if (complaint is null) return new(new TransitionCheck(TransitionVerdict.NotInFlow, "没有这条投诉。"), null, NotFound: true);
        var to = ComplaintStateNames.FromWireName(request.To);
        if (to is null)
        {
            return new(new TransitionCheck(TransitionVerdict.Invalid, "请检查填写的内容。", new Dictionary<string, string[]>
            {
                ["to"] = [$"状态应为：{string.Join("、", ComplaintStateNames.All)}。"],
            }), null);
        }
        if (request.Note?.Length > 4000)
        {
            return new(new TransitionCheck(TransitionVerdict.Invalid, "请检查填写的内容。",
                new Dictionary<string, string[]> { ["note"] = ["备注最多 4000 字。"] }), null);
        }

        // 判断's branch depends on the validity given in this very step.
        var given = request.GivenFields();
        var judged = complaint with { Validity = given.GetValueOrDefault("validity") ?? complaint.Validity };
        var check = ComplaintFlow.Check(judged, to.Value, request, actor.IsSupervisor, [.. await categories.ListAsync()]);
        if (check.Verdict != TransitionVerdict.Ok)
        {
            Log.Refused(logger, id, complaint.State, to.Value.ToWireName(), check.Verdict.ToString(), actor.Id);
            return new(check, null);
        }

        var now = clock.GetUtcNow();
        var fields = new Dictionary<string, string>(given)
        {
            ["state"] = to.Value.ToWireName(),
            ["updatedAt"] = RedisHashRecord.Time(now),
        };
        if (to == ComplaintState.Approved)
        {
            fields["approvedBy"] = actor.Id;
            fields["approvedByName"] = actor.Name;
            fields["approvedAt"] = RedisHashRecord.Time(now);
        }
        var entry = new ComplaintHistoryEntry(now, actor.Id, actor.Name, complaint.State, to.Value.ToWireName(),
            string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), given.Count > 0 ? given : null);
        if (!await store.TryTransitionAsync(id, complaint.OpenedAt, complaint.State, fields, entry))
            return new(new TransitionCheck(TransitionVerdict.NotInFlow, "这条投诉刚被其他人更新，请刷新后再操作。"), null);
        Log.Stepped(logger, id, complaint.State, to.Value.ToWireName(), actor.Id);
        return new(TransitionCheck.Ok, await DetailAsync(id, actor));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static partial class Log
    {
        [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Complaint {ComplaintId} opened by {AgentId}")]
        public static partial void Opened(ILogger logger, string complaintId, string agentId);

        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Complaint {ComplaintId} moved {From} -> {To} by {AgentId}")]
        public static partial void Stepped(ILogger logger, string complaintId, string from, string to, string agentId);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Complaint {ComplaintId} deleted with its evidence pins")]
        public static partial void Deleted(ILogger logger, string complaintId);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Complaint {ComplaintId} step {From} -> {To} refused ({Verdict}) for {AgentId}")]
        public static partial void Refused(ILogger logger, string complaintId, string from, string to, string verdict, string agentId);
    }
}

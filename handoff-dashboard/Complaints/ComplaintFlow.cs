namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>The outcome of checking a transition: what the endpoint answers.</summary>
public enum TransitionVerdict
{
    Ok,
    /// <summary>400: a field is missing or does not belong to this step.</summary>
    Invalid,
    /// <summary>409: the flow does not go from the current state to the target.</summary>
    NotInFlow,
    /// <summary>403: the flow allows it but the user's role may not make it.</summary>
    Forbidden,
}

public sealed record TransitionCheck(TransitionVerdict Verdict, string? Reason, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly TransitionCheck Ok = new(TransitionVerdict.Ok, null);
}

/// <summary>
/// The seeds' complaint flow as data: which state may follow which, who may make the step, and which
/// fields each step takes. Pure, so the rules are tested without a host.
/// 受理 → 判断 → 调查 → 方案 → 审批 → 实施 → 回访 → 归档; a complaint judged 不成立 is archived from 判断
/// (with the reply given); a supervisor may send a plan back (方案 → 调查).
/// </summary>
public static class ComplaintFlow
{
    public const string Valid = "成立";
    public const string NotValid = "不成立";

    private sealed record Step(ComplaintState From, ComplaintState To, bool SupervisorOnly);

    private static readonly Step[] Steps =
    [
        new(ComplaintState.Accepted, ComplaintState.Judged, false),
        new(ComplaintState.Judged, ComplaintState.Investigating, false),
        new(ComplaintState.Judged, ComplaintState.Archived, false),
        new(ComplaintState.Investigating, ComplaintState.Planned, false),
        new(ComplaintState.Planned, ComplaintState.Approved, true),
        new(ComplaintState.Planned, ComplaintState.Investigating, true),
        new(ComplaintState.Approved, ComplaintState.Implemented, false),
        new(ComplaintState.Implemented, ComplaintState.FollowedUp, false),
        new(ComplaintState.FollowedUp, ComplaintState.Archived, false),
    ];

    /// <summary>Fields a step into the state may carry (besides note).</summary>
    public static IReadOnlyList<string> FieldsOf(ComplaintState to) => to switch
    {
        ComplaintState.Judged => ["validity", "validityReply", "category"],
        ComplaintState.Investigating => ["department", "investigation", "category"],
        ComplaintState.Planned => ["plan", "department", "investigation", "compensation"],
        ComplaintState.Approved => ["approvalNote"],
        ComplaintState.Implemented => ["compensation", "customerConfirmation"],
        ComplaintState.FollowedUp => ["customerConfirmation"],
        _ => [],
    };

    public static IReadOnlyList<string> RequiredOf(ComplaintState from, ComplaintState to) => (from, to) switch
    {
        (_, ComplaintState.Judged) => ["validity"],
        (ComplaintState.Planned, ComplaintState.Investigating) => ["note"],
        (_, ComplaintState.Planned) => ["plan"],
        (_, ComplaintState.FollowedUp) => ["customerConfirmation"],
        _ => [],
    };

    public static IEnumerable<ComplaintState> Targets(ComplaintState from) => Steps.Where(s => s.From == from).Select(s => s.To);

    public static TransitionCheck Check(Complaint complaint, ComplaintState to, ComplaintTransitionRequest request,
        bool isSupervisor, IReadOnlyCollection<string> categories)
    {
        var from = ComplaintStateNames.FromWireName(complaint.State)
                   ?? throw new InvalidOperationException($"complaint {complaint.Id} has unknown state {complaint.State}");
        var step = Steps.FirstOrDefault(s => s.From == from && s.To == to);
        if (step is null)
        {
            var targets = Targets(from).Select(t => t.ToWireName()).ToList();
            return new(TransitionVerdict.NotInFlow, targets.Count == 0
                ? $"投诉已{from.ToWireName()}，不能再转到“{to.ToWireName()}”。"
                : $"当前状态为“{from.ToWireName()}”，只能转到：{string.Join("、", targets)}。");
        }
        // Which branch of 判断 applies depends on the validity recorded there.
        if (from == ComplaintState.Judged && to == ComplaintState.Investigating && complaint.Validity != Valid)
            return new(TransitionVerdict.NotInFlow, "投诉判断为不成立，应直接归档，不进入调查。");
        if (from == ComplaintState.Judged && to == ComplaintState.Archived && complaint.Validity != NotValid)
            return new(TransitionVerdict.NotInFlow, "投诉判断为成立，需要调查、出方案后才能归档。");
        if (step.SupervisorOnly && !isSupervisor)
        {
            return new(TransitionVerdict.Forbidden, to == ComplaintState.Approved
                ? "只有主管可以审批方案。"
                : "只有主管可以退回方案。");
        }

        var errors = new Dictionary<string, string[]>();
        var given = request.GivenFields();
        var allowed = FieldsOf(to);
        foreach (var field in given.Keys.Where(f => !allowed.Contains(f)))
            errors[field] = [$"“{to.ToWireName()}”这一步不填写这一项。"];
        foreach (var field in RequiredOf(from, to))
        {
            var present = field == "note" ? !string.IsNullOrWhiteSpace(request.Note) : given.ContainsKey(field);
            if (!present) errors[field] = ["这一步必须填写这一项。"];
        }
        if (given.TryGetValue("validity", out var validity))
        {
            if (validity is not (Valid or NotValid))
                errors["validity"] = ["请选择“成立”或“不成立”。"];
            else if (validity == NotValid && !given.ContainsKey("validityReply"))
                errors["validityReply"] = ["投诉不成立时，请填写给顾客的答复。"];
        }
        if (given.TryGetValue("category", out var category) && !categories.Contains(category))
            errors["category"] = [$"类别“{category}”不在类别列表中。"];
        return errors.Count > 0 ? new(TransitionVerdict.Invalid, "请检查填写的内容。", errors) : TransitionCheck.Ok;
    }

    /// <summary>Every step out of the current state, marked with whether this user may take it.</summary>
    public static IReadOnlyList<ComplaintNextStep> NextSteps(Complaint complaint, bool isSupervisor)
    {
        var from = ComplaintStateNames.FromWireName(complaint.State)!.Value;
        var list = new List<ComplaintNextStep>();
        foreach (var step in Steps.Where(s => s.From == from))
        {
            string? reason = null;
            if (from == ComplaintState.Judged && step.To == ComplaintState.Investigating && complaint.Validity != Valid)
                reason = "投诉判断为不成立，应直接归档。";
            else if (from == ComplaintState.Judged && step.To == ComplaintState.Archived && complaint.Validity != NotValid)
                reason = "投诉判断为成立，需要调查、出方案后才能归档。";
            else if (step.SupervisorOnly && !isSupervisor)
                reason = step.To == ComplaintState.Approved ? "只有主管可以审批方案。" : "只有主管可以退回方案。";
            list.Add(new ComplaintNextStep(step.To.ToWireName(), reason is null, reason, FieldsOf(step.To), RequiredOf(from, step.To)));
        }
        return list;
    }
}

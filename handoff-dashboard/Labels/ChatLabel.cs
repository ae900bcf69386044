namespace ChatSupport.HandoffDashboard.Labels;

/// <summary>One entry of the label list supervisors manage (e.g. 退款, 物流异常, VIP).</summary>
public sealed record ChatLabel(string Name, string? Color, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record CreateLabelRequest(string? Name, string? Color);

public sealed record SetLabelsRequest(IReadOnlyList<string>? Labels);

public sealed record ConversationLabels(string ConversationId, IReadOnlyList<string> Labels);

using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Labels;

/// <summary>
/// The label list (everyone reads it, supervisors manage it) and a chat's labels (whoever may view the chat sets
/// them, by <see cref="ConversationAccess"/>). Errors are ProblemDetails with a Chinese title.
/// </summary>
public static class LabelEndpoints
{
    public const int MaxNameLength = 20;
    public const int MaxLabelsPerChat = 10;

    public static void MapLabels(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Labels").RequireAuthorization();
        api.MapGet("/labels", async (LabelStore store) => Results.Ok(await store.ListAsync()));
        api.MapPost("/labels", CreateAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy);
        api.MapDelete("/labels/{name}", DeleteAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy);
        api.MapGet("/conversations/{id}/labels", GetAsync);
        api.MapPut("/conversations/{id}/labels", SetAsync);
    }

    private static async Task<IResult> CreateAsync(CreateLabelRequest request, SignedInAgent user, LabelStore store)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Invalid("name", "标签名称不能为空。");
        if (name.Length > MaxNameLength) return Invalid("name", $"标签名称过长（最多 {MaxNameLength} 个字）。");
        var color = request.Color?.Trim();
        if (color is { Length: > 0 } && !IsHexColor(color)) return Invalid("color", "颜色格式应为 #RRGGBB。");
        if (!await store.AddAsync(name, string.IsNullOrEmpty(color) ? null : color, user.Id))
        {
            return Results.Problem(title: "已有同名标签。", statusCode: StatusCodes.Status409Conflict);
        }
        return Results.Created($"/api/labels/{Uri.EscapeDataString(name)}", (await store.ListAsync()).First(l => l.Name == name));
    }

    private static async Task<IResult> DeleteAsync(string name, LabelStore store) =>
        await store.RemoveAsync(name) ? Results.NoContent() : Results.Problem(title: "标签不存在。", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> GetAsync(string id, SignedInAgent user, ConversationGate gate, LabelStore store)
    {
        var denied = await DeniedAsync(id, user, gate);
        if (denied is not null) return denied;
        return Results.Ok(new ConversationLabels(id, await store.OfConversationAsync(id)));
    }

    private static async Task<IResult> SetAsync(string id, SetLabelsRequest request, SignedInAgent user, ConversationGate gate,
        LabelStore store, ConversationChangeNotice notice)
    {
        if (request.Labels is null) return Invalid("labels", "请提供标签列表（可以为空）。");
        var labels = request.Labels.Select(l => l?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count > MaxLabelsPerChat) return Invalid("labels", $"一个会话最多 {MaxLabelsPerChat} 个标签。");
        var denied = await DeniedAsync(id, user, gate);
        if (denied is not null) return denied;
        // A label taken off the list may stay on a chat that already carries it (the chat view sends the whole set back);
        // only adding it again is refused.
        var known = await store.NamesAsync();
        var carried = (await store.OfConversationAsync(id)).ToHashSet(StringComparer.Ordinal);
        var unknown = labels.Where(l => !known.Contains(l) && !carried.Contains(l)).ToList();
        if (unknown.Count > 0) return Invalid("labels", $"标签不在标签列表中：{string.Join("、", unknown)}。请先由主管添加。");
        await store.ReplaceAsync(id, labels);
        await notice.ChangedAsync(id);
        return Results.Ok(new ConversationLabels(id, await store.OfConversationAsync(id)));
    }

    private static async Task<IResult?> DeniedAsync(string id, SignedInAgent user, ConversationGate gate)
    {
        var (visibility, _) = await gate.CheckAsync(user, id);
        return visibility switch
        {
            ConversationVisibility.Visible => null,
            ConversationVisibility.NotFound => Results.Problem(title: "会话不存在。", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem(title: "无权查看此会话：只能查看排队中的会话和自己负责的会话。", statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static bool IsHexColor(string s) => s.Length == 7 && s[0] == '#' && s.Skip(1).All(char.IsAsciiHexDigit);

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message);
}

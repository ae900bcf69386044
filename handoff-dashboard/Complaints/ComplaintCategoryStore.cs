using System.Text.Json;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>The editable category list. Until a supervisor edits it, the seeds' list applies.</summary>
public sealed class ComplaintCategoryStore(IConnectionMultiplexer redis)
{
    public static readonly IReadOnlyList<string> Defaults = ["质量", "物流", "服务态度", "发错/少件", "价格", "其他"];

    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var json = await redis.GetDatabase().StringGetAsync(ComplaintKeys.Categories);
        return json.IsNullOrEmpty ? Defaults : JsonSerializer.Deserialize<List<string>>(json.ToString()) ?? [.. Defaults];
    }

    public Task SaveAsync(IReadOnlyList<string> categories) =>
        redis.GetDatabase().StringSetAsync(ComplaintKeys.Categories, JsonSerializer.Serialize(categories));

    /// <summary>Trims, drops blanks and duplicates; null with a reason when the list is unusable.</summary>
    public static (IReadOnlyList<string>? List, string? Error) Normalise(IEnumerable<string?>? input)
    {
        var list = (input ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        if (list.Count == 0) return (null, "类别列表不能为空。");
        if (list.Any(c => c.Length > 20)) return (null, "类别名称最多 20 个字。");
        if (list.Count > 50) return (null, "类别最多 50 个。");
        return (list, null);
    }
}

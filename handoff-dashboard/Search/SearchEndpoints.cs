using System.Globalization;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// <c>GET /api/search</c>: agents search the queue and their own chats, supervisors all (<see cref="ConversationAccess"/>);
/// every hit is checked again against the live record. <c>POST /api/search/rebuild</c>: a supervisor rebuilds this
/// instance's index from Redis.
/// </summary>
public static class SearchEndpoints
{
    public static readonly string[] CsatValues = ["满意", "一般", "不满意"];

    public sealed record SearchResponse(int Total, IReadOnlyList<SearchHit> Hits, double ElapsedMilliseconds, int Indexed, bool Rebuilding);

    public static void MapSearchApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search").RequireAuthorization();
        api.MapGet("", SearchAsync);
        api.MapPost("/rebuild", (SearchIndexFeed feed, IHostApplicationLifetime lifetime) =>
        {
            _ = feed.StartRebuild(lifetime.ApplicationStopping);
            return Results.Accepted();
        }).RequireAuthorization(DashboardRoles.SupervisorPolicy);
    }

    private static async Task<IResult> SearchAsync(
        SignedInAgent user, ConversationIndex index, SearchIndexFeed feed, ConversationStore store, IOptions<SearchOptions> options,
        string? q = null, string? from = null, string? to = null, string? agent = null, string? reason = null, string? label = null,
        string? csat = null, string? customer = null, int? take = null)
    {
        var settings = options.Value;
        q = q?.Trim();
        if (q?.Length > settings.MaxQueryLength) return Invalid("q", $"搜索内容过长（最多 {settings.MaxQueryLength} 个字）。");
        if (!TryParseDay(from, endOfDay: false, out var fromTime)) return Invalid("from", "开始日期格式应为 yyyy-MM-dd。");
        if (!TryParseDay(to, endOfDay: true, out var toTime)) return Invalid("to", "结束日期格式应为 yyyy-MM-dd。");
        if (fromTime > toTime) return Invalid("from", "开始日期不能晚于结束日期。");
        if (!string.IsNullOrWhiteSpace(reason) && HandoffReasonNames.FromWireName(reason.Trim()) is null) return Invalid("reason", "转人工原因无效。");
        if (!string.IsNullOrWhiteSpace(csat) && !CsatValues.Contains(csat.Trim())) return Invalid("csat", "满意度应为 满意、一般 或 不满意。");
        if (take is < 1 || take > settings.MaxResults) return Invalid("take", $"每页结果数应在 1 到 {settings.MaxResults} 之间。");

        var query = new SearchQuery(q, fromTime, toTime, agent, reason, label, csat, customer, ConversationAccess.SearchLimitedTo(user), take ?? 20);
        var result = index.Search(query);
        // The index may be a moment behind: the live record decides (someone may have taken a queued chat since).
        var live = (await store.GetManyAsync(result.Hits.Select(h => h.ConversationId))).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var visible = result.Hits
            .Where(h => live.TryGetValue(h.ConversationId, out var snapshot) && ConversationAccess.CanView(user, snapshot))
            .Select(h => h with { Status = live[h.ConversationId].Status?.ToString(), Assignee = live[h.ConversationId].Assignee, AssigneeName = live[h.ConversationId].AssigneeName })
            .ToList();
        var hidden = result.Hits.Count - visible.Count;
        return Results.Ok(new SearchResponse(Math.Max(0, result.Total - hidden), visible, result.ElapsedMilliseconds, index.Count, feed.Rebuilding));
    }

    /// <summary>A day (yyyy-MM-dd, UTC; <paramref name="endOfDay"/> takes its last moment) or a full ISO 8601 time.</summary>
    private static bool TryParseDay(string? value, bool endOfDay, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            time = endOfDay ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            time = t;
            return true;
        }
        return false;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message);
}

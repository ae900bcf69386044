namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>One category's complaints by current state (the classification table's row).</summary>
public sealed record ComplaintCategoryRow(string Category, IReadOnlyDictionary<string, long> ByState, long Total);

public sealed record ComplaintReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string> States,
    IReadOnlyList<ComplaintCategoryRow> Categories,
    ComplaintCategoryRow Total,
    IReadOnlyList<FollowUpDayStats> FollowUps,
    long FollowUpsDone,
    long FollowUpsOnTime,
    double? FollowUpsOnTimeRate);

/// <summary>
/// Complaints opened in the range, counted by category and current state (per-day counters kept by the
/// complaint store), and follow-ups/cases done per day with how many were on time.
/// </summary>
public sealed class ComplaintReportQuery(IComplaintFigures complaints, IFollowUpFigures followUps)
{
    public const string Uncategorised = "未分类";

    public async Task<ComplaintReport> RunAsync(DayRange range)
    {
        var classified = await complaints.ClassifyOpenedOnAsync(range.Days());
        var names = (await complaints.CategoriesAsync()).ToList();
        var counts = new Dictionary<string, Dictionary<string, long>>();
        foreach (var (category, state, count) in classified)
        {
            var c = category ?? Uncategorised;
            if (!counts.TryGetValue(c, out var byState)) counts[c] = byState = [];
            byState[state] = byState.GetValueOrDefault(state) + count;
        }
        // Configured categories first (even when empty), then any no longer on the list, then uncategorised.
        var order = names.Concat(counts.Keys.Where(k => !names.Contains(k) && k != Uncategorised).Order())
            .Append(Uncategorised).Distinct().ToList();
        var states = complaints.States;
        var rows = new List<ComplaintCategoryRow>();
        var total = states.ToDictionary(s => s, _ => 0L);
        foreach (var category in order)
        {
            var byState = counts.GetValueOrDefault(category) ?? [];
            if (category == Uncategorised && byState.Count == 0) continue;
            var row = states.ToDictionary(s => s, s => byState.GetValueOrDefault(s));
            foreach (var s in states) total[s] += row[s];
            rows.Add(new ComplaintCategoryRow(category, row, row.Values.Sum()));
        }
        var daily = await followUps.DailyStatsAsync(range.Days());
        var done = daily.Sum(d => d.Done);
        var onTime = daily.Sum(d => d.OnTime);
        return new ComplaintReport(range.From, range.To, states, rows, new ComplaintCategoryRow("合计", total, total.Values.Sum()),
            daily, done, onTime, done == 0 ? null : Math.Round((double)onTime / done, 4));
    }
}

using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>The follow-up list's per-day figures for the complaints report (<see cref="IFollowUpFigures"/>).</summary>
public sealed class FollowUpFigures(FollowUpStore followUps) : IFollowUpFigures
{
    public Task<IReadOnlyList<FollowUpDayStats>> DailyStatsAsync(IEnumerable<DateOnly> days) => followUps.DailyStatsAsync(days);
}

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>Follow-ups and shoppers' cases done on one day, and how many of them on time.</summary>
public sealed record FollowUpDayStats(DateOnly Day, long Done, long OnTime, long CasesDone, long CasesOnTime);

/// <summary>
/// What the complaints report reads from the follow-up list, implemented there (FollowUps/FollowUpFigures) so that
/// Reports does not depend on FollowUps.
/// </summary>
public interface IFollowUpFigures
{
    Task<IReadOnlyList<FollowUpDayStats>> DailyStatsAsync(IEnumerable<DateOnly> days);
}

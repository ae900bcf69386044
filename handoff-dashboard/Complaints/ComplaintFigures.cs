using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>The complaint register's figures for the complaints report (<see cref="IComplaintFigures"/>).</summary>
public sealed class ComplaintFigures(ComplaintStore complaints, ComplaintCategoryStore categories) : IComplaintFigures
{
    public IReadOnlyList<string> States => ComplaintStateNames.All;

    public Task<IReadOnlyList<string>> CategoriesAsync() => categories.ListAsync();

    public Task<IReadOnlyList<(string? Category, string State, long Count)>> ClassifyOpenedOnAsync(IEnumerable<DateOnly> days) =>
        complaints.ClassifyOpenedOnAsync(days);
}

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// What the complaints report reads from the complaint register, implemented there (Complaints/ComplaintFigures) so
/// that Reports does not depend on Complaints: the register files its figures with the report, not the other way.
/// </summary>
public interface IComplaintFigures
{
    /// <summary>Complaint state names in flow order (the report's columns).</summary>
    IReadOnlyList<string> States { get; }

    /// <summary>The configured categories, in the admin's order.</summary>
    Task<IReadOnlyList<string>> CategoriesAsync();

    /// <summary>Complaints opened on these days, counted by category (null: none given) and current state.</summary>
    Task<IReadOnlyList<(string? Category, string State, long Count)>> ClassifyOpenedOnAsync(IEnumerable<DateOnly> days);
}

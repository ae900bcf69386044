using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>Section "Customers".</summary>
public sealed class CustomerOptions
{
    public const string SectionName = "Customers";

    /// <summary>An agent contacts each customer assigned to them within this time (the seeds: within a week), then again.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00")]
    public TimeSpan ContactEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many of the most recently seen customers a supervisor's search looks through.</summary>
    [Range(100, 100_000)]
    public int SearchScan { get; set; } = 5000;

    /// <summary>Conversations shown in a profile's history.</summary>
    [Range(1, 200)]
    public int HistoryConversations { get; set; } = 20;

    /// <summary>How far back a profile's complaints and follow-ups are looked up.</summary>
    [Range(1, 3650)]
    public int HistoryDays { get; set; } = 365;
}

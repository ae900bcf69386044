using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>Section "Dashboard". The first admin is created from BootstrapAdmin when no user exists yet.</summary>
public sealed class DashboardAuthOptions
{
    public const string SectionName = "Dashboard";

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

public sealed class BootstrapAdminOptions
{
    [Required] public string UserName { get; set; } = "admin";
    /// <summary>No default on purpose: set Dashboard__BootstrapAdmin__Password (run.sh does for local use).</summary>
    public string? Password { get; set; }
}

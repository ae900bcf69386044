using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>Section "Dashboard:SignIn": sessions and the sign-in throttle.</summary>
public sealed class SignInOptions
{
    public const string SectionName = "Dashboard:SignIn";

    /// <summary>
    /// How long an instance trusts what it last read of a user's security stamp; a role change, password change
    /// or disabled account ends that user's sessions everywhere within this time. 0 = check on every request.
    /// </summary>
    [Range(0, 3600)] public int RevalidateSeconds { get; set; } = 30;

    /// <summary>Failed sign-ins for one user name within the window before further attempts answer 429.</summary>
    [Range(1, 1000)] public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (any user names) within the window before 429.</summary>
    [Range(1, 100000)] public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The failure window, in seconds; counting restarts after it (Retry-After says when).</summary>
    [Range(1, 86400)] public int FailureWindowSeconds { get; set; } = 900;

    /// <summary>Session length; sliding, renewed while the agent works.</summary>
    [Range(1, 168)] public int SessionHours { get; set; } = 12;

    /// <summary>
    /// SameAsRequest (default): the cookie is Secure when the request came over HTTPS. Always: Secure always
    /// (set this behind an HTTPS reverse proxy that talks plain HTTP to the dashboard).
    /// </summary>
    public Microsoft.AspNetCore.Http.CookieSecurePolicy CookieSecurePolicy { get; set; } = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
}

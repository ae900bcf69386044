namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Where the sign-in page may send an agent afterwards: a path on this site only. Browsers read "//host",
/// "/\host" and "/&lt;tab&gt;/host" as another site (backslashes become slashes, tabs and newlines are dropped),
/// so any backslash, control character or leading "//" is refused, as is anything not starting with "/"
/// (schemes such as javascript: or https:). login.js applies the same rule.
/// </summary>
public static class LocalReturnUrl
{
    public const string Default = "/index.html";

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/') return false;
        if (url.Length > 1 && url[1] == '/') return false;
        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    public static string OrDefault(string? url) => IsLocal(url) ? url! : Default;
}

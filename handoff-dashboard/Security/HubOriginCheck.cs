namespace ChatSupport.HandoffDashboard.Security;

/// <summary>
/// Section "Dashboard:Hubs": the origins whose pages may open the agent hub besides the dashboard's own.
/// </summary>
public sealed class HubOriginOptions
{
    public const string SectionName = "Dashboard:Hubs";

    /// <summary>
    /// Extra allowed origins (scheme://host[:port]), e.g. the public address when a reverse proxy does not pass the
    /// Host header through. Empty (default): only the origin the request was addressed to.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>
/// SignalR requests (/hubs) carry no anti-forgery token, and a WebSocket is not bound by the browser's same-origin
/// rule: a page elsewhere could open the agent hub with the agent's cookie (cross-site WebSocket hijacking). The
/// cookie's SameSite=Strict stops other sites, but not another origin of the same site (a sibling subdomain). A
/// browser always names the page's origin on these requests, so one that names a foreign origin is refused here.
/// Requests without an Origin header come from programs, not pages, and still need the agent's sign-in.
/// </summary>
public static class HubOriginCheck
{
    public static void UseHubOriginCheck(this WebApplication app)
    {
        var extra = (app.Configuration.GetSection(HubOriginOptions.SectionName).Get<HubOriginOptions>()?.AllowedOrigins ?? [])
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Headers.Origin is [{ } origin, ..]
                && !IsAllowed(origin, ctx.Request, extra))
            {
                await Results.Problem(title: "不允许从其他网站连接坐席工作台，请直接打开工作台页面。", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        });
    }

    public static bool IsAllowed(string origin, HttpRequest request, IReadOnlySet<string> extra)
    {
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase) || extra.Contains(origin.TrimEnd('/'));
    }
}

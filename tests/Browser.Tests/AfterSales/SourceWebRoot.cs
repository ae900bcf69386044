using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace ChatSupport.Browser.Tests.AfterSales;

/// <summary>
/// Serves handoff-dashboard/wwwroot from the source tree. In a test process the dashboard's static web assets
/// manifest is not found (the application name is the test host's and the manifest is not copied), so without
/// this every page would be a 404.
/// </summary>
internal static class SourceWebRoot
{
    public static void Use(WebApplicationBuilder builder)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatSupport.sln"))) dir = dir.Parent;
        var root = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ChatSupport.sln not found above the test output"),
            "handoff-dashboard", "wwwroot");
        builder.Environment.WebRootPath = root;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(root);
    }
}

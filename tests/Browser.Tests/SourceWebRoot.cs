using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Serves a service's wwwroot from the source tree. This test project references both web projects,
/// whose wwwroot folders land in one output folder (two index.html files), and the static web assets
/// manifest is the test host's, so each app under test is pointed at its own folder.
/// </summary>
internal static class SourceWebRoot
{
    public static void Dashboard(WebApplicationBuilder builder) => Use(builder, "handoff-dashboard");

    public static void Bot(WebApplicationBuilder builder) => Use(builder, "bot");

    private static void Use(WebApplicationBuilder builder, string project)
    {
        var root = Path.Combine(RepositoryPaths.Root, project, "wwwroot");
        builder.Environment.WebRootPath = root;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(root);
    }
}

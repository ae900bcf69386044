namespace ChatSupport.TestSupport;

/// <summary>Paths inside the repository, found from the test binaries by walking up to ChatSupport.sln.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>../shared beside the repository (as in CI), where the development evaluation set lives.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatSupport.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChatSupport.sln not found above " + AppContext.BaseDirectory);
    }
}

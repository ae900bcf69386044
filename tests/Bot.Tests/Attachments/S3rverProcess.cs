using System.Diagnostics;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Attachments;

/// <summary>
/// npm's s3rver (an S3-compatible server) on 127.0.0.1 on a free port, in its own temporary folder, for the S3 attachment storage
/// tests (tests/s3rver: installed with npm ci on first use). Stopped on dispose: its standard input is closed and the process ends.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    public string Folder { get; }
    public int Port { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    private S3rverProcess(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    private static string PackageFolder => Path.Combine(RepositoryPaths.Root, "tests", "s3rver");

    private static readonly SemaphoreSlim Install = new(1, 1);

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(PackageFolder, "node_modules", "s3rver", "package.json"))) return;
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = PackageFolder, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0) throw new InvalidOperationException("npm ci in tests/s3rver failed: " + await error);
        }
        finally
        {
            Install.Release();
        }
    }

    public static async Task<S3rverProcess> StartAsync()
    {
        await EnsureInstalledAsync();
        var folder = Path.Combine(Path.GetTempPath(), "cs-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var process = Process.Start(new ProcessStartInfo("node", ["server.js", "0", folder])
        {
            WorkingDirectory = PackageFolder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("s3rver did not start: " + line + " " + await stderr);
        }
        return new S3rverProcess(process, folder, int.Parse(line["listening ".Length..]));
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

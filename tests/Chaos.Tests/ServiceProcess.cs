using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSupport.TestSupport;

namespace ChatSupport.Chaos.Tests;

/// <summary>
/// A bot or dashboard instance as a real process (dotnet &lt;dll&gt; from its own build output, on a fixed
/// 127.0.0.1 port so it can be killed with SIGKILL and started again at the same address).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;
    private readonly Func<HttpClient, Uri, Task<bool>> _isReady;
    private Process? _process;

    public string Name { get; }
    public Uri BaseAddress { get; }
    public ConcurrentQueue<string> Errors { get; } = new();
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string name, string dll, Dictionary<string, string> environment, Func<HttpClient, Uri, Task<bool>> isReady)
    {
        Name = name;
        _dll = dll;
        _environment = environment;
        _isReady = isReady;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
    }

    public static string BuiltDll(string project, string assembly)
    {
        var dll = Path.Combine(RepositoryPaths.Root, project, "bin", "Release", "net10.0", assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build {project} first: dotnet build ChatSupport.sln -c Release", dll);
        return dll;
    }

    /// <summary>A process not started yet (its port is chosen); <see cref="StartAsync"/> starts it.</summary>
    public static ServiceProcess Create(string name, string dll, Dictionary<string, string> environment, Func<HttpClient, Uri, Task<bool>> isReady) =>
        new(name, dll, environment, isReady);

    /// <summary>Output of start attempts that exited before ready (reported by the test, and retried).</summary>
    public ConcurrentQueue<string> FailedStarts { get; } = new();

    /// <summary>Starts the process and waits until it is ready; a start that exits early (e.g. Redis still loading) is tried again, up to three times.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 3 && _process is { HasExited: true })
            {
                FailedStarts.Enqueue(ex.Message);
                await Task.Delay(1000);
            }
            catch
            {
                Kill();
                throw;
            }
        }
    }

    private async Task StartOnceAsync()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var a in new[] { _dll, "--urls", BaseAddress.ToString().TrimEnd('/') }) psi.ArgumentList.Add(a);
        foreach (var (key, value) in _environment) psi.Environment[key] = value;
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"{Name} did not start");
        _process.OutputDataReceived += (_, e) => Note(e.Data);
        _process.ErrorDataReceived += (_, e) => Note(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{string.Join("\n", _output.TakeLast(40))}");
            try
            {
                if (await _isReady(http, BaseAddress)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within 90 s");
    }

    private void Note(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 400) _output.TryDequeue(out _);
        if (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal)) Errors.Enqueue(line);
        while (Errors.Count > 200) Errors.TryDequeue(out _);
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease released, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}

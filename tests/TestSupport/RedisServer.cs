using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ChatSupport.TestSupport;

/// <summary>
/// A real redis-server on a free port on 127.0.0.1, with its own data folder, removed on dispose.
/// Fails loudly (never skips) when redis-server is missing: test.sh installs it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable, IDisposable
{
    private Process? _process;
    private readonly string _dataDir;
    private readonly bool _appendOnly;

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    private RedisServer(int port, string dataDir, bool appendOnly)
    {
        Port = port;
        _dataDir = dataDir;
        _appendOnly = appendOnly;
    }

    public static RedisServer Start(bool appendOnly = false)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "chatsupport-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var server = new RedisServer(FreePort.Next(), dataDir, appendOnly);
        server.Launch();
        return server;
    }

    private void Launch()
    {
        var exe = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dataDir,
                     "--save", "", "--appendonly", _appendOnly ? "yes" : "no", "--appendfsync", "always",
                     "--protected-mode", "yes", "--loglevel", "warning",
                 })
        {
            psi.ArgumentList.Add(arg);
        }
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not installed. Run ./test.sh (it installs Debian's redis-server) or `apt-get install -y redis-server`.", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAnswering();
    }

    private void WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                var n = stream.Read(buffer);
                if (n > 0 && buffer[0] == (byte)'+') return;
            }
            catch (SocketException)
            {
            }
            if (_process!.HasExited)
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
            Thread.Sleep(50);
        }
        throw new TimeoutException($"redis-server on port {Port} did not answer within 10 s");
    }

    /// <summary>Kills the server (as a crash would) and starts it again on the same port and data folder.</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    /// <summary>Stops the server, simulating Redis going away.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace ChatSupport.TestSupport;

/// <summary>
/// A real Redis on 127.0.0.1 for one test, with its own data folders, removed on dispose: one redis-server, or a
/// real three-master Redis Cluster (<see cref="Topology"/>, chosen once per test run by the environment variable
/// <c>CHATSUPPORT_TEST_REDIS</c> = <c>single</c> (default) or <c>cluster</c>; tests never set it, they get whichever
/// the run asked for). Either way <see cref="ConnectionString"/> is what both services are given in production:
/// StackExchange.Redis finds out by itself that the endpoints form a cluster and routes each key to its slot.
/// Fails loudly (never skips) when redis-server is missing: test.sh installs it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable, IDisposable
{
    /// <summary>The environment variable that picks the topology for the whole test run.</summary>
    public const string TopologyVariable = "CHATSUPPORT_TEST_REDIS";

    /// <summary>The topology of this test run, read once at start.</summary>
    public static RedisTopology Topology { get; } =
        Environment.GetEnvironmentVariable(TopologyVariable)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "single" => RedisTopology.Single,
            "cluster" => RedisTopology.Cluster,
            var other => throw new InvalidOperationException($"{TopologyVariable}={other}: expected single or cluster"),
        };

    private const int ClusterMasters = 3;
    private const int Slots = 16384;

    private readonly List<RedisNode> _nodes;
    private readonly bool _cluster;

    /// <summary>Port of the first node (the only one on a single server).</summary>
    public int Port => _nodes[0].Port;

    public string ConnectionString =>
        string.Join(",", _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    private RedisServer(List<RedisNode> nodes, bool cluster)
    {
        _nodes = nodes;
        _cluster = cluster;
    }

    public static RedisServer Start(bool appendOnly = false)
    {
        // A port that looked free may be taken by another test process a moment later: try fresh ports a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return StartOnce(appendOnly);
            }
            catch (InvalidOperationException ex) when (attempt < 4 && ex.Message.Contains("exited", StringComparison.Ordinal))
            {
            }
        }
    }

    private static RedisServer StartOnce(bool appendOnly)
    {
        var cluster = Topology == RedisTopology.Cluster;
        var count = cluster ? ClusterMasters : 1;
        var ports = cluster ? FreePort.NextClusterPorts(count) : [FreePort.Next()];
        var nodes = ports.Select(port =>
        {
            var dataDir = Path.Combine(Path.GetTempPath(), "chatsupport-redis-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataDir);
            return new RedisNode(port, dataDir, appendOnly, cluster);
        }).ToList();
        var server = new RedisServer(nodes, cluster);
        try
        {
            foreach (var node in nodes) node.Launch();
            if (cluster) server.CreateCluster();
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>
    /// What <c>redis-cli --cluster create … --cluster-replicas 0</c> does, without its one-second polls: each master
    /// takes an equal range of the 16384 slots, they meet, and we wait until every node reports cluster_state:ok.
    /// </summary>
    private void CreateCluster()
    {
        var per = Slots / _nodes.Count;
        for (var i = 0; i < _nodes.Count; i++)
        {
            var first = i * per;
            var last = i == _nodes.Count - 1 ? Slots - 1 : first + per - 1;
            _nodes[i].Command("CLUSTER", "ADDSLOTSRANGE", first.ToString(), last.ToString());
            _nodes[i].Command("CLUSTER", "SET-CONFIG-EPOCH", (i + 1).ToString());
        }
        foreach (var other in _nodes.Skip(1)) _nodes[0].Command("CLUSTER", "MEET", "127.0.0.1", other.Port.ToString());
        WaitUntilClusterOk();
    }

    private void WaitUntilClusterOk()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_nodes.All(n =>
                {
                    var info = n.Command("CLUSTER", "INFO");
                    return info.Contains("cluster_state:ok") && info.Contains($"cluster_known_nodes:{_nodes.Count}");
                }))
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException("the Redis Cluster did not reach cluster_state:ok within 20 s");
    }

    /// <summary>Kills the server (every node, as a crash would) and starts it again on the same ports and data folders.</summary>
    public void Restart()
    {
        Kill();
        foreach (var node in _nodes) node.Launch();
        // Each node reads its nodes.conf back: same ids, same slots; the cluster is whole again once they all agree.
        if (_cluster) WaitUntilClusterOk();
    }

    /// <summary>Stops the server (every node), simulating Redis going away.</summary>
    public void Kill()
    {
        foreach (var node in _nodes) node.Kill();
    }

    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

public enum RedisTopology
{
    Single,
    Cluster,
}

/// <summary>One redis-server process with its data folder.</summary>
internal sealed class RedisNode(int port, string dataDir, bool appendOnly, bool cluster) : IDisposable
{
    // A test that never disposes its server (or a test host that is stopped) must not leave redis-server running.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<RedisNode, byte> Live = new();

    static RedisNode()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var node in Live.Keys) node.Kill();
        };
    }

    private Process? _process;

    public int Port { get; } = port;

    public void Launch()
    {
        var exe = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        var args = new List<string>
        {
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", dataDir,
            "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always",
            "--protected-mode", "yes", "--loglevel", "warning",
        };
        if (cluster)
        {
            args.AddRange(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"]);
        }
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not installed. Run ./test.sh (it installs Debian's redis-server) or `apt-get install -y redis-server`.", ex);
        }
        Live[this] = 0;
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
                if (Command("PING").StartsWith("PONG", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("-LOADING", StringComparison.Ordinal))
            {
                // A restarted server with AOF on answers LOADING until it has read its data back: not ready yet.
            }
            if (_process!.HasExited)
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
            Thread.Sleep(50);
        }
        throw new TimeoutException($"redis-server on port {Port} did not answer within 10 s");
    }

    /// <summary>Sends one command over a fresh connection; returns a simple or bulk reply as text, throws on an error reply.</summary>
    public string Command(params string[] parts)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        var request = new StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts) request.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = reader.ReadLine() ?? throw new IOException("connection closed");
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new InvalidOperationException($"redis on {Port} answered {line} to {string.Join(' ', parts)}");
            case '$':
                var length = int.Parse(line[1..]);
                if (length < 0) return "";
                var buffer = new char[length];
                var read = 0;
                while (read < length)
                {
                    var n = reader.Read(buffer, read, length - read);
                    if (n == 0) throw new IOException("connection closed");
                    read += n;
                }
                return new string(buffer);
            default:
                return line;
        }
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(this, out _);
        _process?.Dispose();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}

public static class FreePort
{
    private static readonly object Gate = new();
    private static int _nextCluster = 20000 + Random.Shared.Next(0, 20000);

    /// <summary>
    /// <paramref name="count"/> ports for cluster nodes: each free, below 55536, with its cluster bus port (+10000) free too.
    /// Handed out from a moving window so parallel tests in one process never pick the same ones.
    /// </summary>
    public static int[] NextClusterPorts(int count)
    {
        var ports = new List<int>(count);
        lock (Gate)
        {
            while (ports.Count < count)
            {
                var port = _nextCluster++;
                if (_nextCluster >= 45000) _nextCluster = 20000;
                if (IsFree(port) && IsFree(port + 10000)) ports.Add(port);
            }
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>One server → client invocation, its arguments as JSON, with the Stopwatch timestamp of its arrival.</summary>
public sealed record HubMessage(string Target, JsonElement Arguments, long ReceivedAt)
{
    public JsonElement Arg(int index = 0) => Arguments[index];
}

/// <summary>
/// An agent's page connected to the agent hub with the real .NET SignalR client (the JSON protocol over WebSockets,
/// the session cookie as the browser sends it). It subscribes to every method of <see cref="IAgentClient"/> and records
/// each invocation, so a test can wait for one that may already have arrived.
/// </summary>
public sealed class AgentHubPage : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<HubMessage> _received = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocket? _socket;

    /// <summary>Called on the client's receive loop for every invocation (the benchmark measures latency here).</summary>
    public Action<HubMessage>? OnMessage { get; set; }

    public bool Closed { get; private set; }

    private AgentHubPage(HubConnection connection) => _connection = connection;

    public static async Task<AgentHubPage> ConnectAsync(Uri baseAddress, CookieContainer cookies, string hubPath = "hubs/agent")
    {
        AgentHubPage? page = null;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, hubPath), HttpTransportType.WebSockets, options =>
            {
                options.Cookies = cookies;
                // Keep the socket so Abort() can drop it the way a closed browser tab does (no close handshake).
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.Cookies = cookies;
                    await socket.ConnectAsync(context.Uri, cancellationToken);
                    page!._socket = socket;
                    return socket;
                };
            })
            .Build();
        page = new AgentHubPage(connection);
        foreach (var method in typeof(IAgentClient).GetMethods())
        {
            var target = method.Name;
            var parameters = method.GetParameters().Select(_ => typeof(JsonElement)).ToArray();
            connection.On(target, parameters, arguments =>
            {
                page.Record(target, arguments);
                return Task.CompletedTask;
            });
        }
        connection.Closed += _ =>
        {
            page.Closed = true;
            page.Signal();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        // StartAsync returns at the handshake, which the server sends before the hub's OnConnectedAsync has put the
        // connection in its groups and registered it (Redis calls: slow on a loaded machine), so an event pushed in
        // between missed this page. The server dispatches calls only after OnConnectedAsync, so a harmless call's
        // completion is the moment the page really listens.
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await connection.InvokeCoreAsync("Unwatch", ["no-such-chat"], ready.Token);
        return page;
    }

    public IReadOnlyList<HubMessage> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    /// <summary>Waits for an invocation of <paramref name="target"/> matching <paramref name="match"/> (already received ones count).</summary>
    public async Task<HubMessage> WaitForAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_received)
            {
                var found = _received.FirstOrDefault(m => m.Target == target && (match is null || match(m.Arg())));
                if (found is not null) return found;
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || Closed)
                throw new TimeoutException($"no {target} arrived; received: {string.Join(", ", Received.Select(m => m.Target + " " + m.Arguments.GetRawText()))}");
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>Invokes a hub method and waits for its completion; a hub error is the client's <see cref="HubException"/>.</summary>
    public async Task InvokeAsync(string method, params object[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _connection.InvokeCoreAsync(method, arguments, timeout.Token);
    }

    private void Record(string target, object?[] arguments)
    {
        var message = new HubMessage(target, JsonSerializer.SerializeToElement(arguments), Stopwatch.GetTimestamp());
        OnMessage?.Invoke(message);
        lock (_received) _received.Add(message);
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_received)
        {
            old = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        old.TrySetResult();
    }

    /// <summary>Drops the connection abruptly, as a browser tab being closed does.</summary>
    public void Abort() => _socket?.Abort();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

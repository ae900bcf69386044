using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>One server → client invocation, with the Stopwatch timestamp of its arrival.</summary>
public sealed record HubMessage(string Target, JsonElement Arguments, long ReceivedAt)
{
    public JsonElement Arg(int index = 0) => Arguments[index];
}

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR client package does
/// not restore here): negotiate, handshake, invocations and completions, pings. Records every invocation it receives.
/// </summary>
public sealed class SignalRJsonClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly List<HubMessage> _received = [];
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private Task _pinger = Task.CompletedTask;
    private int _invocationId;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called on the reader thread for every invocation (the benchmark measures latency here).</summary>
    public Action<HubMessage>? OnMessage { get; set; }

    public bool Closed { get; private set; }

    private SignalRJsonClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<SignalRJsonClient> ConnectAsync(Uri baseAddress, CookieContainer cookies, string hubPath = "hubs/agent")
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        var negotiate = await http.PostAsync($"{hubPath}/negotiate?negotiateVersion=1", null);
        if (!negotiate.IsSuccessStatusCode) throw new HttpRequestException($"negotiate answered {(int)negotiate.StatusCode}", null, negotiate.StatusCode);
        using var doc = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("connectionToken").GetString()!;

        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        var uri = new UriBuilder(new Uri(baseAddress, hubPath)) { Scheme = "ws", Query = "id=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        var client = new SignalRJsonClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var handshake = await client.ReceiveRecordsAsync(CancellationToken.None);
        using (var response = JsonDocument.Parse(handshake[0]))
        {
            if (response.RootElement.TryGetProperty("error", out var error)) throw new InvalidOperationException("handshake refused: " + error.GetString());
        }
        client._reader = Task.Run(client.ReadLoopAsync);
        client._pinger = Task.Run(client.PingLoopAsync);
        // Records that came in the same frame as the handshake answer.
        foreach (var record in handshake.Skip(1)) client.Handle(record);
        return client;
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

    /// <summary>Invokes a hub method and waits for its completion; a hub error becomes an exception.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = completion;
        var json = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments });
        await SendRawAsync(json + RecordSeparator);
        var done = await Task.WhenAny(completion.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != completion.Task) throw new TimeoutException($"no completion for {target}");
        return await completion.Task;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                foreach (var record in await ReceiveRecordsAsync(_stop.Token)) Handle(record);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Closed = true;
            Signal();
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await SendRawAsync("{\"type\":6}" + RecordSeparator);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Handle(string record)
    {
        var now = Stopwatch.GetTimestamp();
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var message = new HubMessage(root.GetProperty("target").GetString()!, root.GetProperty("arguments").Clone(), now);
                OnMessage?.Invoke(message);
                lock (_received) _received.Add(message);
                Signal();
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                TaskCompletionSource<JsonElement>? completion;
                lock (_pending) _pending.Remove(id, out completion);
                if (root.TryGetProperty("error", out var error)) completion?.TrySetException(new InvalidOperationException(error.GetString()));
                else completion?.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                break;
            case 7:
                Closed = true;
                Signal();
                break;
        }
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

    private readonly StringBuilder _partial = new();
    private readonly MemoryStream _frame = new();

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var records = new List<string>();
        while (records.Count == 0)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by server");
            _frame.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            // Decode whole messages only: a multi-byte character may straddle two reads.
            _partial.Append(Encoding.UTF8.GetString(_frame.GetBuffer(), 0, (int)_frame.Length));
            _frame.SetLength(0);
            var text = _partial.ToString();
            _partial.Clear();
            var parts = text.Split(RecordSeparator);
            records.AddRange(parts[..^1]);
            _partial.Append(parts[^1]);
        }
        return records;
    }

    private async Task SendRawAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the socket abruptly, as a browser tab being closed does.</summary>
    public void Abort()
    {
        _stop.Cancel();
        _socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        }
        _socket.Dispose();
        await Task.WhenAll(_reader, _pinger).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

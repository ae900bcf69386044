using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.TestSupport;

// Usage: dotnet run --project tests/LoadGenerator -c Release -- [--conversations 1000] [--rate 500] [--duration 30]
//        [--url http://127.0.0.1:5000 --secret S [--bot-pid PID]] [--timeline (percentiles per 5 s of sending)]
//        [--api-messages (Bot Framework /api/messages instead of Direct Line: activities posted as a channel posts them, the
//                         bot's replies received by this generator's own Connector API stand-in at the activities' serviceUrl)]
//        [--warmup S (the same traffic for S seconds first, not measured: the figures are the bot's steady state)]
//        [--bot-dll PATH (the bot build to start; default bot/bin/Release/net10.0/ChatSupport.Bot.dll)]
//        [--orders (order-aware answers: every conversation is the demo shopper 李雷, signed in through the store page's token
//                   request, asking 我的快递到哪了 and the like; the bot answers from the demo store connector)]
// Without --url it starts its own redis-server and bot process (from bot/bin/Release) on free ports.
var options = LoadOptions.Parse(args);
await using var target = await BotTarget.StartAsync(options);
Console.WriteLine($"target {target.BaseUrl}  conversations {options.Conversations}  rate {options.Rate}/s  duration {options.DurationSeconds}s");

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(target.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
var stats = new Stats();
var questions = options.Orders
    // Each is an own-parcel question for a signed-in shopper: answered with the order's status, courier and latest event.
    ? new[] { "我的快递到哪了", "发货了吗", "什么时候到", "我的包裹到哪了", "物流到哪了", "快递怎么还没到" }
    : new[] { "几天能到", "发什么快递", "可以发顺丰吗", "多少钱包邮", "空气炸锅要预热吗", "水壶怎么除水垢", "吸尘器充电要多久", "羽绒被怎么保养" };

if (options.ApiMessages)
{
    return await ApiMessagesBenchmark.RunAsync(options, target, questions);
}

var setup = Stopwatch.StartNew();
var conversations = new Conversation[options.Conversations];
await Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
{
    conversations[i] = await Conversation.OpenAsync(http, target.Secret, stats, ct, options.Orders ? "demo-lilei" : null);
});
Console.WriteLine($"opened {options.Conversations} conversations with WebSockets in {setup.ElapsedMilliseconds} ms");
await Task.Delay(1000); // let greetings drain
var memoryBefore = target.RssMegabytes();

if (options.AgentReplies)
{
    return await AgentReplyBenchmark.RunAsync(options, target, conversations, stats);
}

await PacedSender.WarmUpAsync(options, stats, n => conversations[n % conversations.Length].SendAsync(http, questions[n % questions.Length], stats),
    () => stats.Replies >= stats.Sent - stats.PostErrors);
var total = options.Rate * options.DurationSeconds;
var usage = await BotUsage.StartAsync(target);
var runStart = Stopwatch.GetTimestamp();
var run = Stopwatch.StartNew();
await PacedSender.RunAsync(total, options.Rate, n => conversations[n % conversations.Length].SendAsync(http, questions[n % questions.Length], stats));
var sendSeconds = run.Elapsed.TotalSeconds;
var deadline = DateTime.UtcNow.AddSeconds(10);
while (stats.Replies < stats.Sent && DateTime.UtcNow < deadline) await Task.Delay(100);
var memoryAfter = target.RssMegabytes();
var used = await usage.StopAsync();

var latencies = stats.Latencies();
double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
Console.WriteLine($"sent {stats.Sent} messages in {sendSeconds:F1} s = {stats.Sent / sendSeconds:F0} msg/s; replies {stats.Replies}");
Console.WriteLine($"round trip (post -> reply on the socket) ms: p50 {P(0.50):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}");
Console.WriteLine($"errors: post failures {stats.PostErrors}, missing replies {stats.Sent - stats.Replies - stats.PostErrors}, socket errors {stats.SocketErrors}"
    + (stats.LateWarmUpReplies > 0 ? $"; {stats.LateWarmUpReplies} late warm-up replies not counted" : ""));
Console.WriteLine($"bot memory (RSS): {memoryBefore:F0} MB after connecting, {memoryAfter:F0} MB after the run");
used.Print(stats.Sent, stats.Replies);
if (options.Timeline)
{
    Console.WriteLine("by time of sending:");
    foreach (var line in stats.Timeline(runStart, TimeSpan.FromSeconds(5))) Console.WriteLine(line);
}
foreach (var c in conversations) await c.CloseAsync();
return stats.PostErrors == 0 && stats.Replies == stats.Sent ? 0 : 1;

sealed record LoadOptions(int Conversations, int Rate, int DurationSeconds, string? Url, string? Secret, int? BotPid, bool AgentReplies = false, bool Timeline = false,
    bool Orders = false, bool ApiMessages = false, string? BotDll = null, string? RedisUrl = null, int WarmupSeconds = 0)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new LoadOptions(int.Parse(Get("--conversations") ?? "100"), int.Parse(Get("--rate") ?? "100"),
            int.Parse(Get("--duration") ?? "20"), Get("--url"), Get("--secret"), Get("--bot-pid") is { } p ? int.Parse(p) : null,
            args.Contains("--agent-replies"), args.Contains("--timeline"), args.Contains("--orders"), args.Contains("--api-messages"),
            Get("--bot-dll"), Get("--redis"), int.Parse(Get("--warmup") ?? "0"));
    }
}

sealed class Stats
{
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentBag<(long SentAt, double Ms)> _timeline = [];
    private int _sent, _replies, _postErrors, _socketErrors, _lateWarmUpReplies;
    private long _measuredFrom = long.MinValue;
    public int Sent => _sent;
    public int Replies => _replies;
    public int PostErrors => _postErrors;
    public int SocketErrors => _socketErrors;
    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountPostError() => Interlocked.Increment(ref _postErrors);
    public void CountSocketError() => Interlocked.Increment(ref _socketErrors);
    public void Reply(double ms) { _latencies.Add(ms); Interlocked.Increment(ref _replies); }
    /// <summary>A reply to a message sent at <paramref name="sentAt"/>; one sent before the last <see cref="Reset"/> (a warm-up
    /// message answered after the warm-up's drain) is counted apart, not as a measured reply.</summary>
    public void Reply(long sentAt, double ms)
    {
        if (sentAt < Volatile.Read(ref _measuredFrom)) { Interlocked.Increment(ref _lateWarmUpReplies); return; }
        _timeline.Add((sentAt, ms));
        Reply(ms);
    }
    public int LateWarmUpReplies => _lateWarmUpReplies;

    /// <summary>p50/p99/max per <paramref name="window"/> of sending, from <paramref name="start"/>: shows warm-up against steady state.</summary>
    public IEnumerable<string> Timeline(long start, TimeSpan window) =>
        _timeline.GroupBy(x => (int)(Stopwatch.GetElapsedTime(start, x.SentAt) / window)).OrderBy(g => g.Key).Select(g =>
        {
            var a = g.Select(x => x.Ms).Order().ToArray();
            return $"  {g.Key * window.TotalSeconds,4:F0}s  n {a.Length,5}  p50 {a[a.Length / 2],6:F1}  p99 {a[Math.Min(a.Length - 1, (int)Math.Ceiling(0.99 * a.Length) - 1)],6:F1}  max {a[^1],6:F1}";
        });
    public double[] Latencies() { var a = _latencies.ToArray(); Array.Sort(a); return a; }
    /// <summary>Forgets everything counted so far (after a warm-up phase).</summary>
    public void Reset()
    {
        Volatile.Write(ref _measuredFrom, Stopwatch.GetTimestamp());
        _latencies.Clear(); _timeline.Clear(); _sent = _replies = _postErrors = _socketErrors = 0;
    }
}

sealed class Conversation
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, long> _sentAt = new();      // clientActivityID -> timestamp
    private readonly ConcurrentDictionary<string, string> _serverIds = new(); // server id -> clientActivityID
    private string _id = "", _token = "";
    public string Id => _id;
    /// <summary>Agent message text → send timestamp, for the agent-reply benchmark.</summary>
    public ConcurrentDictionary<string, long> AgentSentAt { get; } = new();
    private Task? _receive;

    public static async Task<Conversation> OpenAsync(HttpClient http, string secret, Stats stats, CancellationToken ct, string? demoShopper = null)
    {
        var c = new Conversation();
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        if (demoShopper is null)
        {
            start.Headers.Authorization = new("Bearer", secret);
        }
        else
        {
            // The store page's sign-in: the demo store signs the shopper, the token request carries it, the conversation starts with that token.
            using var signed = await http.PostAsync($"api/store/demo-shoppers/{demoShopper}/sign", null, ct);
            signed.EnsureSuccessStatusCode();
            using var issued = await http.PostAsync("api/store/chat-token", new StringContent(await signed.Content.ReadAsStringAsync(ct), Encoding.UTF8, "application/json"), ct);
            issued.EnsureSuccessStatusCode();
            start.Headers.Authorization = new("Bearer", (await issued.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>());
        }
        using var response = await http.SendAsync(start, ct);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        c._id = body["conversationId"]!.GetValue<string>();
        c._token = body["token"]!.GetValue<string>();
        await c._socket.ConnectAsync(new Uri(body["streamUrl"]!.GetValue<string>()), ct);
        c._receive = c.ReceiveAsync(stats);
        return c;
    }

    public async Task SendAsync(HttpClient http, string text, Stats stats)
    {
        var clientId = Guid.NewGuid().ToString("N");
        _sentAt[clientId] = Stopwatch.GetTimestamp();
        stats.CountSent();
        try
        {
            var body = "{\"type\":\"message\",\"text\":\"" + text + "\",\"locale\":\"zh-CN\",\"from\":{\"id\":\"load\"},\"channelData\":{\"clientActivityID\":\"" + clientId + "\"}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(_id)}/activities")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", _token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) stats.CountPostError();
        }
        catch (Exception)
        {
            stats.CountPostError();
        }
    }

    private async Task ReceiveAsync(Stats stats)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                // Frames are read into one buffer (grown only for a frame larger than it): the generator shares
                // the machine with the bot, so receiving must stay cheap.
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    length += result.Count;
                } while (!result.EndOfMessage);
                if (length == 0) continue;
                var now = Stopwatch.GetTimestamp();
                using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
                foreach (var a in doc.RootElement.GetProperty("activities").EnumerateArray())
                {
                    var role = a.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var r) ? r.GetString() : null;
                    if (role == "user" && a.TryGetProperty("channelData", out var cd) && cd.TryGetProperty("clientActivityID", out var cid))
                    {
                        _serverIds[a.GetProperty("id").GetString()!] = cid.GetString()!;
                    }
                    else if (role == "bot" && a.GetProperty("type").GetString() == "message" && a.TryGetProperty("text", out var agentText)
                             && AgentSentAt.TryRemove(agentText.GetString() ?? "", out var agentSentAt))
                    {
                        stats.Reply(Stopwatch.GetElapsedTime(agentSentAt, now).TotalMilliseconds);
                    }
                    else if (role == "bot" && a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var replyTo)
                             && _serverIds.TryRemove(replyTo.GetString()!, out var clientId) && _sentAt.TryRemove(clientId, out var sentAt))
                    {
                        stats.Reply(sentAt, Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
                    }
                }
            }
        }
        catch (Exception)
        {
            stats.CountSocketError();
        }
    }

    public async Task CloseAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (Exception) { }
        if (_receive is not null) await _receive;
    }
}

/// <summary>The bot under load: given by --url, or a redis-server + bot process started here.</summary>
sealed class BotTarget : IAsyncDisposable
{
    private RedisServer? _redis;
    private string? _redisUrl;
    public string? RedisConnectionString => _redis?.ConnectionString ?? _redisUrl;
    private Process? _bot;
    private int? _pid;
    public int? BotPid => _pid;
    public string BaseUrl { get; private set; } = "";
    public string Secret { get; private set; } = "";

    public static async Task<BotTarget> StartAsync(LoadOptions options)
    {
        var t = new BotTarget();
        if (options.Url is not null)
        {
            t.BaseUrl = options.Url.TrimEnd('/') + "/";
            t.Secret = options.Secret ?? throw new ArgumentException("--secret is required with --url");
            t._pid = options.BotPid;
            t._redisUrl = options.RedisUrl;
            return t;
        }
        // Whatever stops the start (no bot build, a bot that never gets ready, Ctrl-C), the redis-server and the bot
        // process started so far are stopped: nobody else holds the target to dispose it.
        var ready = false;
        try
        {
            t._redis = RedisServer.Start();
            var dll = options.BotDll ?? Path.Combine(RepositoryPaths.Root, "bot", "bin", "Release", "net10.0", "ChatSupport.Bot.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("build the bot first: dotnet build bot -c Release", dll);
            var port = FreePort.Next();
            t.BaseUrl = $"http://127.0.0.1:{port}/";
            t.Secret = "load-" + Guid.NewGuid().ToString("N");
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { dll, "--urls", t.BaseUrl.TrimEnd('/') }) psi.ArgumentList.Add(a);
            psi.Environment["ConnectionStrings__Redis"] = t._redis.ConnectionString;
            psi.Environment["DirectLine__Secret"] = t.Secret;
            psi.Environment["DirectLine__PostsPerSecondPerConversation"] = "50";
            // Every simulated shopper comes from this one address, at far more than one shop's traffic: the per-address and
            // overall limits (Traffic:*) are lifted so the benchmark measures the bot, not its throttle.
            foreach (var kind in new[] { "BotMessages", "Tokens", "Posts", "Reads", "Sockets" })
                foreach (var limit in new[] { "PerAddress", "Overall", "PerConversation" })
                    psi.Environment[$"Traffic__{kind}__{limit}"] = "0";
            psi.Environment["Knowledge__Path"] = RepositoryPaths.Knowledge;
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
            t._bot = Process.Start(psi)!;
            t._bot.OutputDataReceived += (_, _) => { };
            t._bot.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bot: " + e.Data); };
            t._bot.BeginOutputReadLine();
            t._bot.BeginErrorReadLine();
            t._pid = t._bot.Id;
            using var http = new HttpClient();
            // Readiness waits for the knowledge snapshot and the intent model; a first start builds the model (no cache yet).
            for (var i = 0; i < 1800; i++)
            {
                try { if ((await http.GetAsync(t.BaseUrl + "readyz")).IsSuccessStatusCode) { ready = true; return t; } } catch (HttpRequestException) { }
                if (t._bot.HasExited) throw new InvalidOperationException($"the bot exited (code {t._bot.ExitCode}) before it was ready");
                await Task.Delay(100);
            }
            throw new TimeoutException("bot did not become ready");
        }
        finally
        {
            if (!ready) await t.DisposeAsync();
        }
    }

    public double RssMegabytes()
    {
        if (_pid is null) return double.NaN;
        try
        {
            var line = File.ReadLines($"/proc/{_pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { return double.NaN; }
    }

    public ValueTask DisposeAsync()
    {
        if (_bot is { HasExited: false }) { _bot.Kill(true); _bot.WaitForExit(5000); }
        _redis?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using StackExchange.Redis;

// Shopper message → agent's SignalR client latency at N handed-off conversations and M online agents.
// The bot's part is played per bot/HandoffContract (transcript RPUSH, XADD CustomerReplied, PUBLISH wake-up);
// the clock starts before those writes and stops when the agent's WebSocket client has parsed the push.
var options = BenchOptions.Parse(args);
Console.WriteLine($"conversations={options.Conversations} agents={options.Agents} instances={options.Instances} rate={options.Rate}/s seconds={options.Seconds}");

await using var host = await DashboardHost.StartAsync(options.Instances, extraArgs: ["--Logging:LogLevel:Default=Error"]);
var perAgent = (options.Conversations + options.Agents - 1) / options.Agents;
var agents = new List<DashboardClient>();
for (var i = 0; i < options.Agents; i++) agents.Add(await host.AgentAsync($"bench{i:00}", maxChats: perAgent, instance: i % options.Instances));

var sentAt = new ConcurrentDictionary<string, long>();
var latencies = new ConcurrentBag<double>();
var pages = new List<AgentHubPage>();
foreach (var agent in agents)
{
    var page = await agent.ConnectHubAsync();
    page.OnMessage = message =>
    {
        if (message.Target != "ConversationMessage") return;
        var text = message.Arg().GetProperty("text").GetString();
        if (text is not null && sentAt.TryRemove(text, out var start))
        {
            latencies.Add(Stopwatch.GetElapsedTime(start, message.ReceivedAt).TotalMilliseconds);
        }
    };
    pages.Add(page);
}

for (var i = 0; i < options.Conversations; i++) await host.Bot.EscalateAsync($"bench-conv-{i:000}", HandoffReason.Human, "顾客" + i);
var db = host.Connection.GetDatabase();
var waitStart = Stopwatch.StartNew();
while (await db.SortedSetLengthAsync(HandoffKeys.Queue) > 0)
{
    if (waitStart.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("auto-assignment did not empty the queue");
    await Task.Delay(100);
}
Console.WriteLine($"all {options.Conversations} conversations auto-assigned in {waitStart.ElapsedMilliseconds} ms");

// Several bot "instances" (connections) write, as several bot processes would.
var writers = Enumerable.Range(0, 4).Select(_ => new BotPlayer(host.Redis.Connect())).ToArray();
var conversations = Enumerable.Range(0, options.Conversations).Select(i => $"bench-conv-{i:000}").ToArray();

async Task RunAsync(int rate, TimeSpan duration, bool record)
{
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var clock = Stopwatch.StartNew();
    var sends = new List<Task>();
    var n = 0;
    while (clock.Elapsed < duration)
    {
        var due = interval * n;
        if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        var conversation = conversations[n % conversations.Length];
        var text = $"{(record ? "m" : "w")}-{n}-{conversation}";
        var writer = writers[n % writers.Length];
        if (record) sentAt[text] = Stopwatch.GetTimestamp();
        sends.Add(writer.CustomerSaysAsync(conversation, text));
        n++;
    }
    await Task.WhenAll(sends);
    var drain = Stopwatch.StartNew();
    while (record && !sentAt.IsEmpty && drain.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
    if (record) Console.WriteLine($"sent {n} shopper messages; {sentAt.Count} not received within 10 s");
}

await RunAsync(options.Rate, TimeSpan.FromSeconds(3), record: false);
await RunAsync(options.Rate, TimeSpan.FromSeconds(options.Seconds), record: true);

var sorted = latencies.OrderBy(x => x).ToArray();
double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
Console.WriteLine($"shopper message -> agent SignalR client: n={sorted.Length} p50={P(50):F1} ms p95={P(95):F1} ms p99={P(99):F1} ms max={sorted[^1]:F1} ms");

// Agent leg inside the dashboard: POST /messages until 202 (the AgentReplied XADD + wake-up are committed).
var replyLatencies = new List<double>();
var mine = await Task.WhenAll(agents.Select(a => a.MineAsync()));
var pairs = agents.Zip(mine).SelectMany(p => p.Second.Select(m => (Agent: p.First, m.ConversationId))).ToArray();
for (var i = 0; i < Math.Min(options.Replies, pairs.Length * 5); i++)
{
    var (agent, conversation) = pairs[i % pairs.Length];
    var start = Stopwatch.GetTimestamp();
    var response = await agent.SendAsync(conversation, $"客服回复 {i}");
    response.EnsureSuccessStatusCode();
    replyLatencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}
replyLatencies.Sort();
double R(double p) => replyLatencies[Math.Min(replyLatencies.Count - 1, (int)Math.Ceiling(p / 100 * replyLatencies.Count) - 1)];
Console.WriteLine($"agent POST /messages -> AgentReplied on the stream (202): n={replyLatencies.Count} p50={R(50):F1} ms p95={R(95):F1} ms p99={R(99):F1} ms");

foreach (var page in pages) await page.DisposeAsync();


internal sealed record BenchOptions(int Conversations, int Agents, int Instances, int Rate, int Seconds, int Replies)
{
    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
        }
        return new(Get("conversations", 200), Get("agents", 50), Get("instances", 1), Get("rate", 200), Get("seconds", 20), Get("replies", 1000));
    }
}

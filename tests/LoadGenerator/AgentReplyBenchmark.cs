using System.Diagnostics;
using ChatSupport.HandoffContract;
using StackExchange.Redis;

/// <summary>
/// Agent message → shopper's socket: every conversation is handed over, then agent replies are written
/// to the to-bot stream exactly as the dashboard writes them (XADD + wake-up) at the set rate, and the
/// time until each arrives on the shopper's WebSocket is measured (the dashboard's own HTTP share is
/// measured by tests/DashboardBenchmark).
/// </summary>
static class AgentReplyBenchmark
{
    public static async Task<int> RunAsync(LoadOptions options, BotTarget target, Conversation[] conversations, Stats stats)
    {
        using var redis = ConnectionMultiplexer.Connect(target.RedisConnectionString ?? throw new ArgumentException("--agent-replies needs the self-started bot"));
        var db = redis.GetDatabase();
        await db.SetAddAsync(HandoffKeys.OnlineAgents, "bench-agent");
        using var http = new HttpClient { BaseAddress = new Uri(target.BaseUrl) };
        await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) =>
            await c.SendAsync(http, "转人工", new Stats()));
        await Task.Delay(2000);
        foreach (var c in conversations)
        {
            await db.HashSetAsync(HandoffKeys.Conversation(c.Id), ConversationFields.Status, nameof(ConversationStatus.WithAgent));
            await db.SortedSetRemoveAsync(HandoffKeys.Queue, c.Id);
        }

        stats.Reset(); // the handoff replies above are not what is measured
        var total = options.Rate * options.DurationSeconds;
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var run = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var wait = interval * n - run.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var c = conversations[n % conversations.Length];
            var text = $"您好，这是客服的第 {n} 条回复";
            c.AgentSentAt[text] = Stopwatch.GetTimestamp();
            stats.CountSent();
            var evt = new HandoffEvent { Kind = HandoffEventKinds.AgentReplied, ConversationId = c.Id, AgentId = "bench-agent", AgentName = "小王", Text = text };
            var id = await db.ScriptEvaluateAsync("return redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])", [HandoffKeys.ToBotStream], [evt.ToJson()]);
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.ToBotWakeUpChannel), id.ToString());
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (stats.Replies < stats.Sent && DateTime.UtcNow < deadline) await Task.Delay(100);
        var latencies = stats.Latencies();
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine($"agent replies: sent {stats.Sent}, delivered {stats.Replies} in {run.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"agent message (stream) -> shopper's socket ms: p50 {P(0.5):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}");
        return stats.Replies == stats.Sent ? 0 : 1;
    }
}

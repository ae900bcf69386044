using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The Bot Framework path under load: activities posted to /api/messages as a channel (Emulator, Azure) posts them, in
/// open mode from loopback, and the bot's replies taken by a Connector API stand-in here at the activities' serviceUrl
/// (POST v3/conversations/{id}/activities/{replyToId}, as the real connector is called). Measured: post → reply received.
/// </summary>
static class ApiMessagesBenchmark
{
    public static async Task<int> RunAsync(LoadOptions options, BotTarget target, string[] questions)
    {
        var sentAt = new ConcurrentDictionary<string, long>();
        var stats = new Stats();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var connector = builder.Build();
        var nextId = 0L;
        connector.MapPost("/v3/conversations/{conversation}/activities/{replyTo}", (string replyTo) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (sentAt.TryRemove(replyTo, out var at)) stats.Reply(at, Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            return Results.Json(new { id = "r" + Interlocked.Increment(ref nextId) });
        });
        connector.MapPost("/v3/conversations/{conversation}/activities", () => Results.Json(new { id = "r" + Interlocked.Increment(ref nextId) }));
        await connector.StartAsync();
        var serviceUrl = connector.Urls.First().TrimEnd('/') + "/";

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(target.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..8];
        string Conversation(int i) => $"load-{run}-{i}";
        async Task<bool> PostAsync(string json)
        {
            try
            {
                using var response = await http.PostAsync("api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
                return response.IsSuccessStatusCode;
            }
            catch (Exception) { return false; }
        }
        string Envelope(int conversation, string rest) =>
            "{\"channelId\":\"emulator\",\"serviceUrl\":\"" + serviceUrl + "\",\"conversation\":{\"id\":\"" + Conversation(conversation) + "\"},"
            + "\"from\":{\"id\":\"shopper-" + conversation + "\",\"name\":\"顾客\"},\"recipient\":{\"id\":\"bot\",\"name\":\"bot\"},\"locale\":\"zh-CN\"," + rest + "}";

        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await PostAsync(Envelope(i, "\"type\":\"conversationUpdate\",\"id\":\"join-" + i + "\",\"membersAdded\":[{\"id\":\"shopper-" + i + "\"}]")));
        Console.WriteLine($"started {options.Conversations} /api/messages conversations (conversationUpdate, greeting) in {setup.ElapsedMilliseconds} ms; connector stand-in at {serviceUrl}");
        await Task.Delay(1000);

        Task Send(int n, string idPrefix)
        {
            var id = idPrefix + n;
            var json = Envelope(n % options.Conversations, "\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"" + questions[n % questions.Length] + "\"");
            sentAt[id] = Stopwatch.GetTimestamp();
            stats.CountSent();
            return Task.Run(async () => { if (!await PostAsync(json)) stats.CountPostError(); });
        }
        await PacedSender.WarmUpAsync(options, stats, n => Send(n, "w"), () => stats.Replies >= stats.Sent - stats.PostErrors);

        var total = options.Rate * options.DurationSeconds;
        var usage = await BotUsage.StartAsync(target);
        var runStart = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        await PacedSender.RunAsync(total, options.Rate, n => Send(n, "m"));
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (stats.Replies < stats.Sent - stats.PostErrors && DateTime.UtcNow < deadline) await Task.Delay(100);
        var used = await usage.StopAsync();

        var latencies = stats.Latencies();
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine($"sent {stats.Sent} messages to /api/messages in {sendSeconds:F1} s = {stats.Sent / sendSeconds:F0} msg/s; replies {stats.Replies}");
        Console.WriteLine($"round trip (post -> reply at the connector) ms: p50 {P(0.50):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}");
        Console.WriteLine($"errors: post failures {stats.PostErrors}, missing replies {stats.Sent - stats.Replies - stats.PostErrors}"
            + (stats.LateWarmUpReplies > 0 ? $"; {stats.LateWarmUpReplies} late warm-up replies not counted" : ""));
        used.Print(stats.Sent, stats.Replies);
        if (options.Timeline)
        {
            Console.WriteLine("by time of sending:");
            foreach (var line in stats.Timeline(runStart, TimeSpan.FromSeconds(5))) Console.WriteLine(line);
        }
        await connector.StopAsync();
        return stats.PostErrors == 0 && stats.Replies == stats.Sent ? 0 : 1;
    }
}

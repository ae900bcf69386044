using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ChatSupport.Chaos.Tests;

/// <summary>
/// Two bot instances, two dashboard instances and one Redis (AOF, fsync always), all real processes. Shoppers
/// (Direct Line over HTTP) and agents (the dashboard API) exchange numbered messages while the test, at moments
/// drawn from a logged seed, kills a bot instance with SIGKILL (and starts it again), restarts Redis (SIGKILL too)
/// and restarts a dashboard. Then a checker proves that every accepted message (a shopper's post answered with an
/// id, an agent's send answered 202) arrived exactly once and in order on the other side, and that no
/// conversation is left in an impossible state. Reproduce a run with CHAOS_SEED=&lt;seed&gt;.
/// </summary>
public sealed partial class ChaosTests(ITestOutputHelper output)
{
    private const int Conversations = 6;
    private const int Agents = 3;
    private const int MessagesPerSide = 24;
    // Traffic goes on past MessagesPerSide until every planned fault has happened (a slow machine restarts an instance in
    // over a minute), but never past this many messages a side, which bounds the test's time.
    private const int MaxMessagesPerSide = 120;
    private const string Secret = "chaos-directline-secret-0123456789";
    private const string AdminPassword = "chaos-admin-pass-123";
    private const string AgentPassword = "chaos-agent-pass-123";

    [GeneratedRegex(@"^(顾客|客服)(\d+)-(\d+)$")]
    private static partial Regex Numbered();

    private void Log(string line)
    {
        var stamped = $"[{DateTime.UtcNow:HH:mm:ss.fff}] {line}";
        output.WriteLine(stamped);
        Console.WriteLine("chaos: " + stamped);
    }

    [Fact]
    public async Task EveryAcceptedMessageArrivesExactlyOnceAndInOrderThroughKillsAndRestarts()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEED"), out var s) ? s : Random.Shared.Next();
        Log($"seed {seed} (CHAOS_SEED={seed} replays this run's fault schedule)");
        var random = new Random(seed);

        await using var redis = RedisServer.Start(appendOnly: true);
        var botDll = ServiceProcess.BuiltDll("bot", "ChatSupport.Bot");
        var dashboardDll = ServiceProcess.BuiltDll("handoff-dashboard", "ChatSupport.HandoffDashboard");
        var botEnv = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["DirectLine__Secret"] = Secret,
            ["DirectLine__PostsPerSecondPerConversation"] = "50",
            ["Knowledge__Path"] = RepositoryPaths.Knowledge,
            ["Handoff__QueueUpdateSeconds"] = "600",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var day in Enum.GetNames<DayOfWeek>()) botEnv[$"Handoff__BusinessHours__{day}"] = "00:00-00:00";
        var dashboardEnv = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Dashboard__BootstrapAdmin__UserName"] = "admin",
            ["Dashboard__BootstrapAdmin__Password"] = AdminPassword,
            ["Conversations__SweepIntervalMilliseconds"] = "200",
            ["CannedReplies__AcceptGreeting__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        static async Task<bool> BotReady(HttpClient http, Uri b) => (await http.GetAsync(new Uri(b, "readyz"))).IsSuccessStatusCode;
        static async Task<bool> DashboardReady(HttpClient http, Uri b) =>
            (await http.PostAsJsonAsync(new Uri(b, "api/auth/login"), new { userName = "admin", password = AdminPassword })).IsSuccessStatusCode;

        // Everything started is stopped at the end, also when a later start fails.
        var started = new List<ServiceProcess>();
        async Task<ServiceProcess> Start(string name, string dll, Dictionary<string, string> env, Func<HttpClient, Uri, Task<bool>> ready)
        {
            var process = ServiceProcess.Create(name, dll, env, ready);
            lock (started) started.Add(process);
            await process.StartAsync();
            return process;
        }
        try
        {
            var bots = await Task.WhenAll(Start("bot-1", botDll, botEnv, BotReady), Start("bot-2", botDll, botEnv, BotReady));
            // One after the other: the first one's start-up writes (bootstrap admin, seeds) are done when the second starts.
            var dashboards = new[]
            {
                await Start("dashboard-1", dashboardDll, dashboardEnv, DashboardReady),
                await Start("dashboard-2", dashboardDll, dashboardEnv, DashboardReady),
            };
            await RunAsync(random, redis, bots, dashboards);
        }
        finally
        {
            foreach (var p in started)
            {
                foreach (var line in p.Errors.TakeLast(5)) output.WriteLine($"{p.Name}: {line}");
                foreach (var failed in p.FailedStarts) Log($"{p.Name}: a start exited early and was tried again:\n{failed}");
                await p.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(Random random, RedisServer redis, ServiceProcess[] bots, ServiceProcess[] dashboards)
    {
        using var mux = redis.Connect();
        var admin = await AgentClient.SignInAsync(dashboards, "admin", AdminPassword);
        var agents = new Dictionary<string, AgentClient>();
        for (var i = 0; i < Agents; i++)
        {
            var name = "chaos" + i;
            var created = await admin.SendAsync(HttpMethod.Post, "api/agents", new
            {
                userName = name, displayName = "客服" + i, password = AgentPassword, roles = new[] { "agent" },
                skills = new[] { "general", "after-sales", "complaints" }, maxConcurrentChats = 10,
            });
            Assert.True(created.IsSuccessStatusCode, $"creating {name}: {(int)created.StatusCode}");
            var agent = await AgentClient.SignInAsync(dashboards, name, AgentPassword);
            Assert.True((await agent.SendAsync(HttpMethod.Put, "api/agents/me/status", new { status = "online" })).IsSuccessStatusCode);
            agents[agent.AgentId] = agent;
        }

        // Set-up, before any fault: every shopper asks for a person and an agent has the chat.
        var shoppers = new List<Shopper>();
        for (var c = 0; c < Conversations; c++)
        {
            var shopper = await Shopper.StartAsync(bots, c);
            await shopper.PostAsync("转人工");
            shoppers.Add(shopper);
        }
        var owners = new Dictionary<string, AgentClient>();
        foreach (var shopper in shoppers)
        {
            var key = HandoffKeys.Conversation(shopper.ConversationId);
            await Eventually.TrueAsync(async () => (string?)await mux.GetDatabase().HashGetAsync(key, ConversationFields.Status) is "WaitingForAgent" or "WithAgent",
                TimeSpan.FromSeconds(30), $"{shopper.ConversationId} escalated");
            var preferred = agents.Values.ElementAt(shopper.Index % Agents);
            if ((string?)await mux.GetDatabase().HashGetAsync(key, ConversationFields.Status) == "WaitingForAgent")
                await preferred.SendAsync(HttpMethod.Post, $"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/accept", null);
            await Eventually.TrueAsync(async () => (string?)await mux.GetDatabase().HashGetAsync(key, ConversationFields.Status) == "WithAgent",
                TimeSpan.FromSeconds(30), $"{shopper.ConversationId} with an agent");
            owners[shopper.ConversationId] = agents[(string)(await mux.GetDatabase().HashGetAsync(key, ConversationFields.Assignee))!];
        }
        Log($"{Conversations} conversations with agents; exchanging {MessagesPerSide} numbered messages each way in each");

        // Traffic and faults at once.
        var shopperAccepted = new ConcurrentDictionary<int, List<int>>();
        var shopperUnconfirmed = new ConcurrentDictionary<int, List<int>>();
        var agentAccepted = new ConcurrentDictionary<int, List<int>>();
        var agentRefused = new ConcurrentBag<string>();
        var delays = Enumerable.Range(0, Conversations * 2).Select(_ => random.Next(1800, 3200)).ToArray();
        using var trafficDone = new CancellationTokenSource();
        var plannedFaultsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var traffic = new List<Task>();
        foreach (var shopper in shoppers)
        {
            var c = shopper.Index;
            shopperAccepted[c] = [];
            shopperUnconfirmed[c] = [];
            agentAccepted[c] = [];
            traffic.Add(Task.Run(async () =>
            {
                for (var n = 1; n <= MaxMessagesPerSide && (n <= MessagesPerSide || !plannedFaultsDone.Task.IsCompleted); n++)
                {
                    (await shopper.PostAsync($"顾客{c}-{n}") ? shopperAccepted[c] : shopperUnconfirmed[c]).Add(n);
                    await Task.Delay(delays[c]);
                }
            }));
            traffic.Add(Task.Run(async () =>
            {
                var owner = owners[shopper.ConversationId];
                for (var n = 1; n <= MaxMessagesPerSide && (n <= MessagesPerSide || !plannedFaultsDone.Task.IsCompleted); n++)
                {
                    var outcome = await owner.SendMessageAsync(shopper.ConversationId, $"客服{c}-{n}", $"chaos-{c}-{n}");
                    if (outcome == HttpStatusCode.Accepted) agentAccepted[c].Add(n);
                    else agentRefused.Add($"{c}-{n}: {outcome}");
                    await Task.Delay(delays[Conversations + c]);
                }
            }));
        }
        var faults = InjectFaultsAsync(random, redis, bots, dashboards, plannedFaultsDone, trafficDone.Token);
        await Task.WhenAll(traffic);
        await trafficDone.CancelAsync();
        var injected = await faults;
        Log("traffic done; waiting for delivery to settle");

        // The checker: what each side sees, once everything in flight has had time to arrive.
        Dictionary<int, List<int>> shopperSaw = [], agentSaw = [];
        var settleDeadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            shopperSaw.Clear();
            agentSaw.Clear();
            foreach (var shopper in shoppers)
            {
                shopperSaw[shopper.Index] = Numbers(await shopper.AllTextsFromAgentsAsync(), "客服", shopper.Index);
                agentSaw[shopper.Index] = Numbers(await owners[shopper.ConversationId].CustomerLinesAsync(shopper.ConversationId), "顾客", shopper.Index);
            }
            var complete = shoppers.All(sh => agentAccepted[sh.Index].All(shopperSaw[sh.Index].Contains) && shopperAccepted[sh.Index].All(agentSaw[sh.Index].Contains));
            if (complete || DateTime.UtcNow > settleDeadline) break;
            await Task.Delay(1000);
        }

        int sent = 0, delivered = 0, lost = 0, duplicated = 0, outOfOrder = 0, unconfirmedArrived = 0;
        var problems = new List<string>();
        void Check(string direction, int c, List<int> accepted, List<int> unconfirmed, List<int> seen)
        {
            sent += accepted.Count;
            foreach (var n in accepted)
            {
                var times = seen.Count(x => x == n);
                if (times == 0) { lost++; problems.Add($"{direction} {c}-{n} lost"); }
                if (times >= 1) delivered++;
                if (times > 1) { duplicated += times - 1; problems.Add($"{direction} {c}-{n} arrived {times} times"); }
            }
            foreach (var n in unconfirmed)
            {
                var times = seen.Count(x => x == n);
                if (times == 1) unconfirmedArrived++;
                if (times > 1) { duplicated += times - 1; problems.Add($"{direction} {c}-{n} (unconfirmed) arrived {times} times"); }
            }
            for (var i = 1; i < seen.Count; i++)
            {
                if (seen[i] <= seen[i - 1]) { outOfOrder++; problems.Add($"{direction} {c}: {seen[i]} after {seen[i - 1]}"); }
            }
            var strangers = seen.Except(accepted).Except(unconfirmed).ToList();
            if (strangers.Count > 0) problems.Add($"{direction} {c}: arrived but never sent {string.Join(",", strangers)}");
        }
        foreach (var shopper in shoppers)
        {
            Check("shopper->agent", shopper.Index, shopperAccepted[shopper.Index], shopperUnconfirmed[shopper.Index], agentSaw[shopper.Index]);
            Check("agent->shopper", shopper.Index, agentAccepted[shopper.Index], [], shopperSaw[shopper.Index]);
        }

        // No impossible state: each chat is with the agent who holds it, nothing is queued, parked or pending.
        var db = mux.GetDatabase();
        foreach (var shopper in shoppers)
        {
            var fields = (await db.HashGetAllAsync(HandoffKeys.Conversation(shopper.ConversationId))).ToDictionary(h => h.Name.ToString(), h => h.Value.ToString());
            var owner = owners[shopper.ConversationId].AgentId;
            if (fields.GetValueOrDefault(ConversationFields.Status) != "WithAgent" || fields.GetValueOrDefault(ConversationFields.Assignee) != owner)
                problems.Add($"{shopper.ConversationId}: status {fields.GetValueOrDefault(ConversationFields.Status)} assignee {fields.GetValueOrDefault(ConversationFields.Assignee)}, expected WithAgent {owner}");
            if (!await db.SetContainsAsync(ChatSupport.HandoffContract.Keys.AgentKeys.Conversations(owner), shopper.ConversationId)) problems.Add($"{shopper.ConversationId}: not in its agent's chats");
            if (await db.SortedSetScoreAsync(HandoffKeys.Queue, shopper.ConversationId) is not null) problems.Add($"{shopper.ConversationId}: still queued");
        }
        // Nor the other way round: every chat an agent's set holds is theirs and with them (a leave/close racing an assignment
        // used to leave a chat in an agent's set while its status said WithBot, using up one of their slots for good).
        foreach (var agent in agents.Values)
        {
            foreach (var held in await db.SetMembersAsync(ChatSupport.HandoffContract.Keys.AgentKeys.Conversations(agent.AgentId)))
            {
                var key = HandoffKeys.Conversation(held.ToString());
                var status = (string?)await db.HashGetAsync(key, ConversationFields.Status);
                var assignee = (string?)await db.HashGetAsync(key, ConversationFields.Assignee);
                if (status != "WithAgent" || assignee != agent.AgentId) problems.Add($"{held}: in {agent.AgentId}'s chats but status {status} assignee {assignee}");
            }
        }
        var parkedEvents = await db.SortedSetLengthAsync(ChatSupport.HandoffContract.Keys.RetryQueueKeys.Relay.Due);
        var deferredTurns = await db.SortedSetLengthAsync(ChatSupport.HandoffContract.Keys.RetryQueueKeys.Turns.Due);
        var pending = (await db.StreamPendingAsync(HandoffKeys.ToBotStream, ChatSupport.HandoffContract.Keys.StreamKeys.BotRelayGroup)).PendingMessageCount;
        if (parkedEvents + deferredTurns + pending > 0) problems.Add($"left over: {parkedEvents} parked relay conversations, {deferredTurns} deferred turns, {pending} pending stream entries");
        if (!agentRefused.IsEmpty) problems.Add("agent sends refused: " + string.Join("; ", agentRefused));

        var unconfirmedCount = shopperUnconfirmed.Values.Sum(l => l.Count);
        Log($"messages sent (accepted) {sent}, delivered {delivered}, lost {lost}, duplicated {duplicated}, out of order {outOfOrder}; " +
            $"shopper posts left unanswered by a dying instance {unconfirmedCount} ({unconfirmedArrived} of them arrived anyway, once)");
        Log($"faults injected {injected.Count}: {string.Join(", ", injected)}");
        foreach (var p in problems) Log("problem: " + p);
        Assert.True(sent >= Conversations * MessagesPerSide, $"too few messages were accepted ({sent}) for the run to mean anything");
        Assert.True(injected.Count >= 4, "too few faults were injected");
        Assert.Empty(problems);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }

    private static List<int> Numbers(IEnumerable<string> texts, string prefix, int conversation) =>
        texts.Select(t => Numbered().Match(t)).Where(m => m.Success && m.Groups[1].Value == prefix && int.Parse(m.Groups[2].Value) == conversation)
            .Select(m => int.Parse(m.Groups[3].Value)).ToList();

    /// <summary>Faults one after another at random moments while traffic runs: each kind at least once, then random ones.</summary>
    private async Task<List<string>> InjectFaultsAsync(Random random, RedisServer redis, ServiceProcess[] bots, ServiceProcess[] dashboards,
        TaskCompletionSource plannedFaultsDone, CancellationToken stop)
    {
        var injected = new List<string>();
        var kinds = new List<string> { "kill-bot", "restart-redis", "restart-dashboard", "kill-bot" };
        try
        {
            await Task.Delay(random.Next(3000, 6000), stop);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var kind = i < kinds.Count ? kinds[i] : new[] { "kill-bot", "kill-bot", "restart-redis", "restart-dashboard" }[random.Next(4)];
                switch (kind)
                {
                    case "kill-bot":
                        var bot = bots[random.Next(bots.Length)];
                        Log($"fault: SIGKILL {bot.Name}");
                        bot.Kill();
                        injected.Add("SIGKILL " + bot.Name);
                        await Task.Delay(random.Next(500, 3000), CancellationToken.None);
                        await bot.StartAsync();
                        Log($"{bot.Name} back");
                        break;
                    case "restart-redis":
                        Log("fault: SIGKILL redis-server, start it again (AOF)");
                        redis.Kill();
                        injected.Add("restart redis");
                        await Task.Delay(random.Next(200, 1500), CancellationToken.None);
                        redis.Restart();
                        Log("redis back");
                        break;
                    case "restart-dashboard":
                        var dashboard = dashboards[random.Next(dashboards.Length)];
                        Log($"fault: restart {dashboard.Name}");
                        dashboard.Kill();
                        injected.Add("restart " + dashboard.Name);
                        await Task.Delay(random.Next(200, 1500), CancellationToken.None);
                        await dashboard.StartAsync();
                        Log($"{dashboard.Name} back");
                        break;
                }
                if (i == kinds.Count - 1) plannedFaultsDone.TrySetResult();
                await Task.Delay(random.Next(4000, 9000), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            plannedFaultsDone.TrySetResult();
        }
        return injected;
    }

    /// <summary>A shopper on Direct Line (HTTP only), talking to whichever bot instance answers.</summary>
    private sealed class Shopper
    {
        private readonly ServiceProcess[] _bots;
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(25) };
        private int _next;
        public int Index { get; }
        public string ConversationId { get; private set; } = "";
        private string _token = "";

        private Shopper(ServiceProcess[] bots, int index)
        {
            _bots = bots;
            Index = index;
            _next = index;
        }

        public static async Task<Shopper> StartAsync(ServiceProcess[] bots, int index)
        {
            var shopper = new Shopper(bots, index);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bots[index % bots.Length].BaseAddress, "v3/directline/conversations"))
            {
                Content = JsonContent.Create(new { user = new { id = "chaos-shopper-" + index, name = "顾客" + index } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
            using var response = await shopper._http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            shopper.ConversationId = body["conversationId"]!.GetValue<string>();
            shopper._token = body["token"]!.GetValue<string>();
            return shopper;
        }

        /// <summary>Posts once; true when the bot answered with an id (accepted). A failed post is not repeated (that could send it twice).</summary>
        public async Task<bool> PostAsync(string text)
        {
            var bot = _bots[_next++ % _bots.Length];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.BaseAddress, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities"))
                {
                    Content = JsonContent.Create(new { type = "message", text, from = new { id = "chaos-shopper-" + Index, role = "user" }, locale = "zh-CN" }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                using var response = await _http.SendAsync(request);
                if (!response.IsSuccessStatusCode) return false;
                return (await response.Content.ReadFromJsonAsync<JsonObject>())?["id"] is not null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return false;
            }
        }

        /// <summary>Every message from an agent in the conversation, as the shopper's client receives it (all activities from watermark 0).</summary>
        public async Task<List<string>> AllTextsFromAgentsAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var bot = _bots[(_next + attempt) % _bots.Length];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(bot.BaseAddress, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                    using var response = await _http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    var set = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    return set["activities"]!.AsArray().Select(a => a!.AsObject())
                        .Where(a => a["type"]?.GetValue<string>() == "message" && a["from"]?["id"]?.GetValue<string>()?.StartsWith("agent:", StringComparison.Ordinal) == true)
                        .Select(a => a["text"]?.GetValue<string>() ?? "").ToList();
                }
                catch (Exception ex) when (attempt < 20 && ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }
        }
    }

    /// <summary>A signed-in dashboard user talking to whichever dashboard instance answers (the cookie works on both: keys are in Redis).</summary>
    private sealed class AgentClient
    {
        private readonly ServiceProcess[] _dashboards;
        private readonly HttpClient _http;
        private string _csrf = "";
        private int _next;
        public string AgentId { get; private set; } = "";

        private AgentClient(ServiceProcess[] dashboards)
        {
            _dashboards = dashboards;
            _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(20) };
        }

        public static async Task<AgentClient> SignInAsync(ServiceProcess[] dashboards, string userName, string password)
        {
            var client = new AgentClient(dashboards);
            var login = await client._http.PostAsJsonAsync(new Uri(dashboards[0].BaseAddress, "api/auth/login"), new { userName, password });
            login.EnsureSuccessStatusCode();
            client.AgentId = (await login.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var antiforgery = await client._http.GetFromJsonAsync<JsonObject>(new Uri(dashboards[0].BaseAddress, "api/auth/antiforgery"));
            client._csrf = antiforgery!["token"]!.GetValue<string>();
            return client;
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
        {
            var dashboard = _dashboards[_next++ % _dashboards.Length];
            var request = new HttpRequestMessage(method, new Uri(dashboard.BaseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", _csrf);
            return await _http.SendAsync(request);
        }

        /// <summary>Sends one agent message, repeating the same client message id (the dashboard relays it once) until an instance answers.</summary>
        public async Task<HttpStatusCode> SendMessageAsync(string conversationId, string text, string clientMessageId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    using var response = await SendAsync(HttpMethod.Post, $"api/conversations/{Uri.EscapeDataString(conversationId)}/messages", new { text, clientMessageId });
                    if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline) return response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
                {
                }
                await Task.Delay(300);
            }
        }

        /// <summary>The shopper's lines in the transcript the agent reads.</summary>
        public async Task<List<string>> CustomerLinesAsync(string conversationId)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var response = await SendAsync(HttpMethod.Get, $"api/conversations/{Uri.EscapeDataString(conversationId)}/transcript", null);
                    response.EnsureSuccessStatusCode();
                    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    return body["entries"]!.AsArray().Select(e => e!.AsObject())
                        .Where(e => e["sender"]?.GetValue<string>() == TranscriptSenders.Customer)
                        .Select(e => e["text"]?.GetValue<string>() ?? "").ToList();
                }
                catch (Exception ex) when (attempt < 20 && ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }
        }
    }
}

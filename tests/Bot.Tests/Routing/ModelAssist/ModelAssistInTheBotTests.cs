using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Eval;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Bot.Tests.Routing.ModelAssist;

/// <summary>
/// The model step where it is called: the live bot (over Direct Line, with Redis) and the eval command, against the
/// chat-completions stand-in. Eval reads its settings from the process environment, so these share a collection
/// with the other eval tests and never run beside them.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ModelAssistInTheBotTests
{
    /// <summary>The decision request (it asks for structured output) gets a choice; the rephrase request gets text.</summary>
    private static string Scripted(JsonObject request) =>
        request["response_format"] is not null ? """{"choice":"care/teapot-care-b"}""" : "亲，新壶先用开水烫一遍就好～";

    /// <summary>The test shop plus two FAQs the offline engine cannot tell apart (same phrasings): it asks which one.</summary>
    private static KnowledgeFolder ShopWithAnAmbiguousQuestion()
    {
        var kb = new KnowledgeFolder();
        kb.Write("care/teapot-care-a.md", KnowledgeFolder.Faq("茶壶怎么保养？", ["茶壶要怎么养"], ["茶壶", "保养"], "紫砂壶每次用完晾干再收起来。"));
        kb.Write("care/teapot-care-b.md", KnowledgeFolder.Faq("茶壶怎么保养？", ["茶壶要怎么养"], ["茶壶", "保养"], "新壶先用开水烫一遍。"));
        return kb;
    }

    private const string Ambiguous = "茶壶怎么保养";

    [Fact]
    public async Task LiveBotPutsALowConfidenceMessageToTheModelAndSendsTheRephrasedAnswer()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.ReplyTo = Scripted;
        using var kb = ShopWithAnAmbiguousQuestion();
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, scriptedRouter: false,
            $"--Knowledge:Path={kb.Path}", $"--ModelAssist:Endpoint={server.Endpoint}", "--ModelAssist:Model=test-model",
            "--ModelAssist:TimeoutMilliseconds=10000"); // the first call compiles the client stack: ample time on a busy test machine
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting

        await client.PostMessageAsync(Ambiguous);
        var answer = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal("亲，新壶先用开水烫一遍就好～", answer["text"]!.GetValue<string>());
        Assert.Equal(2, server.ChatRequests.Count); // the decision, then the rephrase grounded in the chosen FAQ
        Assert.Contains("新壶先用开水烫一遍。", System.Text.RegularExpressions.Regex.Unescape(server.ChatRequests[1]["messages"]!.ToJsonString()));
    }

    [Fact]
    public async Task ATurnStillWaitingForTheModelShowsTypingBeforeItsAnswer()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.ReplyTo = Scripted;
        server.Delay = TimeSpan.FromSeconds(2); // far past the bot's typing delay (300 ms)
        using var kb = ShopWithAnAmbiguousQuestion();
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, scriptedRouter: false,
            $"--Knowledge:Path={kb.Path}", $"--ModelAssist:Endpoint={server.Endpoint}", "--ModelAssist:Model=test-model",
            "--ModelAssist:TimeoutMilliseconds=20000");
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting

        await client.PostMessageAsync(Ambiguous);
        var typing = await client.NextAsync(a => a["type"]?.GetValue<string>() == "typing" || DirectLineTestClient.IsBotMessage(a),
            TimeSpan.FromSeconds(20));
        Assert.Equal("typing", typing["type"]!.GetValue<string>());
        Assert.Equal("bot", typing["from"]!["role"]!.GetValue<string>());
        var answer = await client.NextAsync(DirectLineTestClient.IsBotMessage, TimeSpan.FromSeconds(30));
        Assert.Equal("亲，新壶先用开水烫一遍就好～", answer["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task LiveBotWithoutAnEndpointMakesNoModelCall()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        using var kb = ShopWithAnAmbiguousQuestion();
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, scriptedRouter: false, $"--Knowledge:Path={kb.Path}");
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting

        await client.PostMessageAsync(Ambiguous); // clarify offline
        var clarify = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.NotEmpty(clarify["suggestedActions"]!["actions"]!.AsArray());
        await client.PostMessageAsync("发什么快递"); // answer offline: sent verbatim
        var answer = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal("默认发中通，顺丰需补差价 8 元。", answer["text"]!.GetValue<string>().Trim());
        Assert.Empty(server.ChatRequests);
        Assert.Equal(0, server.EmbeddingRequests);
    }

    private static readonly string[] Questions =
    [
        """{"id":"q1","text":"茶壶怎么保养"}""",
        """{"id":"q2","text":"发什么快递"}""",
        """{"id":"q3","text":"我要投诉"}""",
    ];

    private static async Task<List<JsonElement>> EvalAsync(KnowledgeFolder kb)
    {
        var input = Path.Combine(kb.Path, "_q.jsonl");
        var output = Path.Combine(kb.Path, "_out", "r.jsonl");
        File.WriteAllLines(input, Questions);
        var stderr = new StringWriter();
        var code = await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", output], new StringWriter(), stderr, ProcessEnvironmentCollection.Current);
        Assert.True(code == 0, stderr.ToString());
        return File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }

    [Fact]
    public async Task LiveBotAndEvalMakeTheSameDecisionsWithTheModel()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.ReplyTo = Scripted;
        using var kb = ShopWithAnAmbiguousQuestion();
        List<JsonElement> evaluated;
        using (ProcessEnvironmentCollection.Set(("ModelAssist__Endpoint", server.Endpoint.ToString()), ("ModelAssist__Model", "test-model"),
                   ("ModelAssist__TimeoutMilliseconds", "10000")))
            evaluated = await EvalAsync(kb);

        using var redis = RedisServer.Start();
        var routed = new RoutedDecisions();
        await using var bot = await RunningApp.StartAsync(args => BotApplication.Build(args, b => b.Logging.AddProvider(routed)),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={BotHost.Secret}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:ChatSupport.Bot.Dialogue=Information",
            $"--Knowledge:Path={kb.Path}", $"--ModelAssist:Endpoint={server.Endpoint}", "--ModelAssist:Model=test-model",
            "--ModelAssist:TimeoutMilliseconds=10000");
        foreach (var line in Questions)
        {
            // Each message opens its own conversation, as eval routes every line as a first message.
            await using var client = new DirectLineTestClient(bot.BaseAddress);
            await client.StartAsync(BotHost.Secret);
            var before = routed.Decisions.Count;
            await client.PostMessageAsync(JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);
            await Eventually.TrueAsync(() => routed.Decisions.Count > before, TimeSpan.FromSeconds(15), line);
        }

        Assert.Equal(evaluated.Select(e => (e.GetProperty("route").GetString()!, e.TryGetProperty("faqId", out var f) ? f.GetString() : null)),
            routed.Decisions);
        Assert.Equal(("answer", "care/teapot-care-b"), routed.Decisions.First()); // decided by the model in both
    }

    [Fact]
    public async Task EvalUsesTheSameModelStepWhenConfiguredAndNoNetworkWhenNot()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.ReplyTo = Scripted;
        using var kb = ShopWithAnAmbiguousQuestion();

        var offline = await EvalAsync(kb);
        Assert.Equal("clarify", offline[0].GetProperty("route").GetString());
        Assert.Empty(server.ChatRequests);

        using (ProcessEnvironmentCollection.Set(("ModelAssist__Endpoint", server.Endpoint.ToString()), ("ModelAssist__Model", "test-model"),
                   ("ModelAssist__TimeoutMilliseconds", "10000")))
        {
            var assisted = await EvalAsync(kb);
            Assert.Equal("answer", assisted[0].GetProperty("route").GetString());
            Assert.Equal("care/teapot-care-b", assisted[0].GetProperty("faqId").GetString());
            // Only the low-confidence line went to the model, and eval never rephrases (its output has no answer text).
            Assert.Single(server.ChatRequests);
            Assert.Equal(offline.Skip(1).Select(l => l.GetRawText()), assisted.Skip(1).Select(l => l.GetRawText()));
        }

        using (ProcessEnvironmentCollection.Set(("ModelAssist__Endpoint", "not a url")))
        {
            var stderr = new StringWriter();
            var input = Path.Combine(kb.Path, "_q.jsonl");
            Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "x.jsonl")],
                new StringWriter(), stderr, ProcessEnvironmentCollection.Current));
            Assert.Contains("ModelAssist:Endpoint", stderr.ToString());
        }
        using (ProcessEnvironmentCollection.Set(("ModelAssist__Endpoint", server.Endpoint.ToString()), ("ModelAssist__TimeoutMilliseconds", "0")))
        {
            var stderr = new StringWriter();
            var input = Path.Combine(kb.Path, "_q.jsonl");
            Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "x.jsonl")],
                new StringWriter(), stderr, ProcessEnvironmentCollection.Current));
            Assert.Contains("TimeoutMilliseconds", stderr.ToString());
        }
    }
}

/// <summary>Records the bot's per-message routing log (route and FAQ id), in order.</summary>
internal sealed class RoutedDecisions : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(string Route, string? FaqId)> Decisions { get; } = new();

    public ILogger CreateLogger(string categoryName) => categoryName == typeof(ChatSupport.Bot.Dialogue.SupportBot).FullName ? this : NullLogger;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
        var route = values.FirstOrDefault(v => v.Key == "Route").Value?.ToString();
        if (route is null) return;
        Decisions.Enqueue((route.ToLowerInvariant(), values.FirstOrDefault(v => v.Key == "FaqId").Value as string));
    }

    public void Dispose()
    {
    }

    private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}

/// <summary>
/// The eval command's configuration for a test: variables handed to <see cref="EvalCommand.RunAsync"/> as its
/// environment, never set on the process, where every bot host other tests start at the same time would read them
/// (a <c>ModelAssist__TimeoutMilliseconds=0</c> there failed an unrelated host's start). Tests using it still run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "eval environment";

    private static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> Variables = new();

    /// <summary>The environment eval reads in this test: the variables of the innermost <see cref="Set"/>, else none.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Current => Variables.Value ?? new Dictionary<string, string?>();

    /// <summary>Gives eval these variables until disposed.</summary>
    public static IDisposable Set(params (string Name, string Value)[] variables)
    {
        var previous = Variables.Value;
        Variables.Value = variables.ToDictionary(v => v.Name, v => (string?)v.Value);
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<string, string?>? previous) : IDisposable
    {
        public void Dispose() => Variables.Value = previous;
    }
}

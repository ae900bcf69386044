using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>
/// A local Kestrel server speaking the OpenAI chat-completions and embeddings protocols, with a switchable
/// behaviour (answer, delay, fail, a body that is not JSON) and a record of the requests it received. It stands in
/// for a paid model API, which cannot run here.
/// </summary>
public sealed class OpenAiStandIn : IAsyncDisposable
{
    private readonly RunningApp _app;
    public List<JsonObject> ChatRequests { get; } = [];
    public int EmbeddingRequests => _embeddingRequests;
    private int _embeddingRequests;

    /// <summary>The assistant message's content for each chat request (the request is passed in).</summary>
    public Func<JsonObject, string> ReplyTo { get; set; } = _ => "亲，默认发中通哦～";
    public Func<string> Reply { set => ReplyTo = _ => value(); }

    /// <summary>When set, sent as the whole HTTP body (status 200, application/json) instead of a completion.</summary>
    public string? RawBody { get; set; }
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public int StatusCode { get; set; } = 200;

    private OpenAiStandIn(RunningApp app) => _app = app;

    public Uri Endpoint => new(_app.BaseAddress, "v1/");

    public static async Task<OpenAiStandIn> StartAsync()
    {
        OpenAiStandIn? self = null;
        var app = await RunningApp.StartAsync(args =>
        {
            var builder = WebApplication.CreateBuilder(args);
            var web = builder.Build();
            web.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                lock (self!.ChatRequests) self.ChatRequests.Add(body);
                if (self.Delay > TimeSpan.Zero) await Task.Delay(self.Delay, context.RequestAborted);
                if (self.StatusCode != 200) return Results.StatusCode(self.StatusCode);
                if (self.RawBody is { } raw) return Results.Text(raw, "application/json");
                return Results.Json(new
                {
                    id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = (string?)body["model"] ?? "m",
                    choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = self.ReplyTo(body) } } },
                    usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
                });
            });
            web.MapPost("/v1/embeddings", async (HttpContext context) =>
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                Interlocked.Increment(ref self!._embeddingRequests);
                var inputs = body["input"] is JsonArray array ? array.Select(n => (string)n!).ToList() : [(string)body["input"]!];
                // A toy "semantic" embedding: one dimension per keyword family, so tests can check it is really used.
                float[] Embed(string text) =>
                [
                    text.Contains("壶") || text.Contains("杯") ? 1 : 0,
                    text.Contains("快递") || text.Contains("物流") ? 1 : 0,
                    text.Contains("发票") ? 1 : 0,
                    0.1f,
                ];
                return Results.Json(new
                {
                    @object = "list", model = (string?)body["model"] ?? "m",
                    data = inputs.Select((t, i) => new { @object = "embedding", index = i, embedding = Embed(t) }),
                    usage = new { prompt_tokens = 1, total_tokens = 1 },
                });
            });
            return web;
        });
        self = new OpenAiStandIn(app);
        return self;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

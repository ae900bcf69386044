using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Knowledge.Rephrasing;

/// <summary>
/// A local Kestrel server speaking the OpenAI chat-completions and embeddings protocols, with a switchable
/// behaviour (answer, delay, fail) and a record of the requests it received.
/// </summary>
public sealed class OpenAiStandIn : IAsyncDisposable
{
    private readonly RunningApp _app;
    public List<JsonObject> ChatRequests { get; } = [];
    public Func<string> Reply { get; set; } = () => "亲，默认发中通哦～";
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
                return Results.Json(new
                {
                    id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = (string?)body["model"] ?? "m",
                    choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = self.Reply() } } },
                    usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
                });
            });
            web.MapPost("/v1/embeddings", async (HttpContext context) =>
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
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

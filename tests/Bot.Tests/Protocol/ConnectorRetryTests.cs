using System.Collections.Concurrent;
using Stopwatch = System.Diagnostics.Stopwatch;
using ChatSupport.Bot.Protocol;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>
/// The bot's calls to a channel's serviceUrl (Connector API v3) against a local Kestrel stand-in that answers
/// the way a busy Connector does: 429 with Retry-After, or slower than the bot waits.
/// </summary>
public sealed class ConnectorRetryTests
{
    private sealed class BusyConnector : IAsyncDisposable
    {
        public ConcurrentQueue<(TimeSpan At, string Text)> Posts { get; } = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private RunningApp _app = null!;
        public string ServiceUrl => _app.BaseAddress.ToString();

        /// <param name="answer">Given the 1-based call number, what to do.</param>
        public static async Task<BusyConnector> StartAsync(Func<int, HttpContext, Task<IResult>> answer)
        {
            var standIn = new BusyConnector();
            var calls = 0;
            standIn._app = await RunningApp.StartAsync(args =>
            {
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext http) =>
                {
                    var body = await System.Text.Json.Nodes.JsonNode.ParseAsync(http.Request.Body);
                    standIn.Posts.Enqueue((standIn._clock.Elapsed, body!["text"]!.GetValue<string>()));
                    return await answer(Interlocked.Increment(ref calls), http);
                });
                return app;
            });
            return standIn;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<BotFrameworkOptions>();
        services.AddHttpClient();
        services.AddConnectorClient(configuration);
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<HttpConnectorClient>();
        return services.BuildServiceProvider();
    }

    private static Activity Reply(string serviceUrl, string text) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = "conv-1" },
        Text = text,
    };

    [Fact]
    public async Task A429IsRetriedAfterTheChannelsRetryAfterAndTheReplyGetsThrough()
    {
        await using var connector = await BusyConnector.StartAsync((call, http) =>
        {
            if (call == 1)
            {
                http.Response.Headers.RetryAfter = "2";
                return Task.FromResult(Results.StatusCode(429));
            }
            return Task.FromResult(Results.Json(new { id = "accepted-1" }));
        });
        await using var services = Services();

        var response = await services.GetRequiredService<HttpConnectorClient>().SendAsync(Reply(connector.ServiceUrl, "您好，已为您查询"), CancellationToken.None);

        Assert.Equal("accepted-1", response.Id);
        var posts = connector.Posts.ToArray();
        Assert.Equal(2, posts.Length);
        // Retry-After: 2 was honoured (the default first back-off is 0.5 s).
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(posts[1].At - posts[0].At).TotalSeconds:F2} s");
    }

    [Fact]
    public async Task A5xxIsRetriedWithBackOff()
    {
        await using var connector = await BusyConnector.StartAsync((call, _) =>
            Task.FromResult(call <= 2 ? Results.StatusCode(503) : Results.Json(new { id = "accepted-3" })));
        await using var services = Services();

        var response = await services.GetRequiredService<HttpConnectorClient>().SendAsync(Reply(connector.ServiceUrl, "稍等"), CancellationToken.None);

        Assert.Equal("accepted-3", response.Id);
        Assert.Equal(3, connector.Posts.Count);
    }

    [Fact]
    public async Task APostThatTimedOutIsNotSentAgainSoTheShopperNeverSeesItTwice()
    {
        await using var connector = await BusyConnector.StartAsync(async (call, _) =>
        {
            if (call == 1) await Task.Delay(TimeSpan.FromSeconds(3)); // took it, answers late
            return Results.Json(new { id = "accepted-" + call });
        });
        await using var services = Services(("Connector:AttemptTimeoutSeconds", "1"));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            services.GetRequiredService<HttpConnectorClient>().SendAsync(Reply(connector.ServiceUrl, "退款已提交"), CancellationToken.None));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(connector.Posts);
    }

    [Fact]
    public async Task ATimeoutIsNeverTreatedAsSafeToRetry()
    {
        Assert.False(ConnectorResilience.IsSafeToRetry(Polly.Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException())));
        Assert.False(ConnectorResilience.IsSafeToRetry(Polly.Outcome.FromException<HttpResponseMessage>(new TaskCanceledException())));
        Assert.True(ConnectorResilience.IsSafeToRetry(Polly.Outcome.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests))));
        Assert.False(ConnectorResilience.IsSafeToRetry(Polly.Outcome.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest))));
        await Task.CompletedTask;
    }
}

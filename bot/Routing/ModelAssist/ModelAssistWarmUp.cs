using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Net;
using System.Text;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Rephrasing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// Runs the decision and the rephrase once through the whole client stack (Semantic Kernel, Microsoft.Extensions.AI,
/// the OpenAI package, HttpClient) against an in-process answer, so nothing leaves the machine. Without it the first
/// model call after a start spends about 1.3 s compiling that code (measured with the stand-in on a busy 2-core
/// machine) and the first low-confidence shopper would get the offline decision by timeout. Only when configured.
/// </summary>
public sealed class ModelAssistWarmUp(IOptions<ModelAssistOptions> options, ILogger<ModelAssistWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured) return;
        try
        {
            var milliseconds = await RunAsync(options.Value, stoppingToken);
            ModelAssistLog.WarmedUp(logger, milliseconds);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Only speed is lost: the first real call compiles what the warm-up did not.
            ModelAssistLog.WarmUpFailed(logger, ex);
        }
    }

    /// <summary>The warm-up itself (the eval command runs it too, so its first line is decided as the bot's would be).</summary>
    public static async Task<long> RunAsync(ModelAssistOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient(new InProcessCompletion());
        using var client = ModelClients.Chat(options, new HttpClientPipelineTransport(http));
        var generous = TimeSpan.FromSeconds(30);
        var choices = new ModelRouteChoices([new RouteCandidate("warm-up", "热身", 1)]);
        await new ModelRouteChooser(client, generous).ChooseAsync("热身", choices, _ => null, cancellationToken);
        var faq = new FaqEntry("warm-up", "热身", [], "", [], "热身", "warm-up.md");
        await new AnswerRephraser(client, generous, NullLogger<AnswerRephraser>.Instance).RephraseAsync("热身", faq, cancellationToken);
        return watch.ElapsedMilliseconds;
    }

    /// <summary>Answers every chat-completions request with a fixed completion whose content is a valid choice.</summary>
    private sealed class InProcessCompletion : HttpMessageHandler
    {
        private const string Completion =
            """{"id":"warm-up","object":"chat.completion","created":0,"model":"warm-up","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"{\"choice\":\"fallback\"}"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(Completion, Encoding.UTF8, "application/json"),
            });
    }
}

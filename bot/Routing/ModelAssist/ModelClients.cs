using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// Clients for any OpenAI-compatible endpoint, from the OpenAI package through Microsoft.Extensions.AI
/// (<c>AsIChatClient</c>, <c>AsIEmbeddingGenerator</c>).
/// </summary>
public static class ModelClients
{
    /// <param name="transport">Only for the warm-up, which answers in-process; null sends requests to the endpoint.</param>
    public static OpenAIClient OpenAi(Uri endpoint, string? apiKey, TimeSpan networkTimeout, PipelineTransport? transport = null) =>
        // Local servers (llama.cpp, Ollama, vLLM) take any key; the package insists on one.
        new(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = networkTimeout,
            // Callers have a tight deadline and an offline answer to fall back on: a retry would only make the shopper wait.
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = transport,
        });

    public static IChatClient Chat(ModelAssistOptions options, PipelineTransport? transport = null) =>
        // The network timeout is a backstop only; callers enforce options.Timeout themselves.
        OpenAi(new Uri(options.Endpoint!), options.ApiKey, options.Timeout + TimeSpan.FromMilliseconds(500), transport)
            .GetChatClient(options.Model).AsIChatClient();
}

using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace ChatSupport.Bot.Knowledge.Rephrasing;

/// <summary>
/// A minimal <see cref="IChatClient"/> over any OpenAI-compatible chat-completions endpoint, written on the `OpenAI`
/// package because Microsoft.Extensions.AI.OpenAI is not available here. Text in, text out; no tools.
/// </summary>
public sealed class OpenAiChatClient(ChatClient client, string model) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("openai-compatible", null, model);

    public static OpenAiChatClient Create(Uri endpoint, string apiKey, string model, TimeSpan networkTimeout) =>
        new(new ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey),
            new OpenAIClientOptions
            {
                Endpoint = endpoint,
                NetworkTimeout = networkTimeout,
                // The caller has a tight deadline and a verbatim fallback: retrying would only make the shopper wait.
                RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
            }), model);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var completionOptions = new ChatCompletionOptions();
        if (options?.Temperature is { } temperature) completionOptions.Temperature = temperature;
        if (options?.MaxOutputTokens is { } max) completionOptions.MaxOutputTokenCount = max;
        var result = await client.CompleteChatAsync(messages.Select(ToOpenAi), completionOptions, cancellationToken);
        var text = string.Concat(result.Value.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AiChatMessage(AiChatRole.Assistant, text)) { ModelId = result.Value.Model };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Rephrasing needs the whole text before sending; one update carrying it keeps the interface honest.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        yield return new ChatResponseUpdate(AiChatRole.Assistant, response.Text);
    }

    private static OpenAI.Chat.ChatMessage ToOpenAi(AiChatMessage message)
    {
        if (message.Role == AiChatRole.System) return new SystemChatMessage(message.Text);
        if (message.Role == AiChatRole.Assistant) return new AssistantChatMessage(message.Text);
        return new UserChatMessage(message.Text);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

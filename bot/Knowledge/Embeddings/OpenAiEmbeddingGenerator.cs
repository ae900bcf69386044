using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace ChatSupport.Bot.Knowledge.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over any OpenAI-compatible /v1/embeddings endpoint,
/// written on the `OpenAI` package because Microsoft.Extensions.AI.OpenAI is not available here.
/// </summary>
public sealed class OpenAiEmbeddingGenerator(EmbeddingClient client, string model) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("openai-compatible", null, model);

    public static OpenAiEmbeddingGenerator Create(Uri endpoint, string apiKey, string model, TimeSpan timeout) =>
        new(new EmbeddingClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey),
            new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = timeout, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }), model);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        if (inputs.Count == 0) return result;
        var response = await client.GenerateEmbeddingsAsync(inputs, cancellationToken: cancellationToken);
        foreach (var embedding in response.Value.OrderBy(e => e.Index))
            result.Add(new Embedding<float>(embedding.ToFloats()));
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

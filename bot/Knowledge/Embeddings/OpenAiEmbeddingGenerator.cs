using ChatSupport.Bot.Routing.ModelAssist;
using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge.Embeddings;

/// <summary>
/// The embeddings generator for an OpenAI-compatible /v1/embeddings endpoint (Knowledge:Embeddings:*): the OpenAI
/// package's client through Microsoft.Extensions.AI, so it replaces <see cref="LocalNGramEmbeddingGenerator"/>
/// without code changes.
/// </summary>
public static class OpenAiEmbeddingGenerator
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(Uri endpoint, string apiKey, string model, TimeSpan timeout) =>
        ModelClients.OpenAi(endpoint, apiKey, timeout).GetEmbeddingClient(model).AsIEmbeddingGenerator();
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>The FAQ answer the bot's knowledge engine finds for a text.</summary>
public sealed record FaqSuggestion(string? FaqId, string? Title, string Answer, double? Score, string? Route);

/// <summary>
/// Calls the bot's POST /admin/knowledge/test so reply assist uses the bot's own matcher rather than a
/// second one. The response is read leniently (route/decision, faqId, title, answer, score, candidates[])
/// because that endpoint is owned by the bot.
/// </summary>
public sealed class ReplyAssistFaqClient(HttpClient http, IOptions<ReplyAssistBotOptions> options)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.AdminBaseUrl);

    public async Task<FaqSuggestion?> BestAnswerAsync(string text, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.TimeoutMilliseconds);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.AdminBaseUrl!.TrimEnd('/') + "/"), "admin/knowledge/test"))
        {
            Content = JsonContent.Create(new { text }),
        };
        if (!string.IsNullOrEmpty(o.AdminApiKey)) request.Headers.Add("X-Admin-Key", o.AdminApiKey);
        using var response = await http.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
        return Read(doc.RootElement);
    }

    internal static FaqSuggestion? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var route = Str(root, "route") ?? Str(root, "decision");
        if (route is not null && (route.Equals("fallback", StringComparison.OrdinalIgnoreCase) || route.Equals("handoff", StringComparison.OrdinalIgnoreCase))
            && !root.TryGetProperty("candidates", out _))
            return null;
        if (Str(root, "answer") is { Length: > 0 } answer)
            return new FaqSuggestion(Str(root, "faqId") ?? Str(root, "id"), Str(root, "title"), answer, Num(root, "score"), route);
        if (root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in candidates.EnumerateArray())
            {
                if (c.ValueKind == JsonValueKind.Object && Str(c, "answer") is { Length: > 0 } a)
                    return new FaqSuggestion(Str(c, "faqId") ?? Str(c, "id"), Str(c, "title"), a, Num(c, "score"), route);
            }
        }
        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

using ChatSupport.HandoffDashboard.KnowledgeAdmin;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>The FAQ answer the bot's knowledge engine finds for a text.</summary>
public sealed record FaqSuggestion(string? FaqId, string? Title, string Answer, double? Score, string? Route);

/// <summary>
/// The bot's best FAQ answer for a text, so reply assist uses the bot's own matcher rather than a second
/// one. The call goes through the dashboard's one client of the bot's admin API (<see cref="BotKnowledgeClient"/>);
/// the response is read leniently (route/decision, faqId, title, answer, score, candidates[]).
/// </summary>
public sealed class ReplyAssistFaqClient(BotKnowledgeClient bot, IOptions<CannedReplyOptions> options)
{
    public bool Configured => bot.IsConfigured;

    public async Task<FaqSuggestion?> BestAnswerAsync(string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReplyAssistTimeoutMilliseconds);
        BotAdminResult result;
        try
        {
            result = await bot.TestAsync(text, timeout.Token);
        }
        catch (BotAdminUnavailableException ex)
        {
            throw new HttpRequestException(ex.Message, ex);
        }
        if (!result.Ok) throw new HttpRequestException($"bot admin API answered {(int)result.Status} to the knowledge test");
        return result.Body is { } json ? Read(json) : null;
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

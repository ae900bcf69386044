using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.KnowledgeAdmin;

public sealed record KnowledgeFileInfo(string Id, string Path, string? Title);

public sealed record KnowledgeFileContent(string Path, string Content);

public sealed record KnowledgeFileError(int? Line, string Reason);

public sealed record FaqCandidate(string FaqId, string? Title, double? Score);

/// <summary>One entry of the bot's unanswered-questions log, as the bot's admin API sends it.</summary>
public sealed record UnansweredQuestion(string NormalizedText, string? LastText, long Count, DateTimeOffset? LastSeen, string? LastRoute,
    IReadOnlyList<FaqCandidate>? TopCandidates);

/// <summary>What the bot answered: status code and, for refusals, the reasons it gave.</summary>
public sealed record BotAdminResult(HttpStatusCode Status, IReadOnlyList<KnowledgeFileError> Errors, JsonElement? Body)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>The bot could not be reached or answered nonsense: the dashboard reports 502.</summary>
public sealed class BotAdminUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one place that knows the bot's admin HTTP API (routes and shapes below). The key travels only here,
/// server to server; the browser talks to the dashboard's /api/knowledge/* routes.
/// GET /admin/knowledge/files → [{id,path,title}]; GET|PUT /admin/knowledge/files/{*path} ({path,content} / {content} →
/// 200 or 400 {errors:[{line,reason}]}); GET /admin/knowledge/unanswered → [{text,count,lastSeen,candidates}];
/// POST /admin/knowledge/faqs/{id}/questions {question}; POST /admin/knowledge/test {text} → decision;
/// POST /admin/knowledge/preview {content, path} → {title, questions, html, problems}.
/// </summary>
public sealed class BotKnowledgeClient(HttpClient http, IOptions<BotAdminOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<IReadOnlyList<KnowledgeFileInfo>> ListFilesAsync(CancellationToken ct) =>
        await GetAsync<List<KnowledgeFileInfo>>("admin/knowledge/files", ct) ?? [];

    /// <summary>null when the bot has no such file.</summary>
    public Task<KnowledgeFileContent?> GetFileAsync(string path, CancellationToken ct) =>
        GetAsync<KnowledgeFileContent>("admin/knowledge/files/" + EscapePath(path), ct);

    public Task<BotAdminResult> SaveFileAsync(string path, string content, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, "admin/knowledge/files/" + EscapePath(path), new { content }, ct);

    public async Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(CancellationToken ct) =>
        await GetAsync<List<UnansweredQuestion>>("admin/knowledge/unanswered", ct) ?? [];

    /// <summary>The FAQ id is one escaped segment: "shipping/courier" goes as shipping%2Fcourier (the bot unescapes it).</summary>
    public Task<BotAdminResult> AddQuestionAsync(string faqId, string question, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"admin/knowledge/faqs/{Uri.EscapeDataString(faqId)}/questions", new { question }, ct);

    /// <summary>{title, questions, html, problems}: the bot's parser's view of a file being edited (nothing is written).</summary>
    public Task<BotAdminResult> PreviewAsync(string content, string? path, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "admin/knowledge/preview", new { content, path }, ct);

    public Task<BotAdminResult> TestAsync(string text, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "admin/knowledge/test", new { text }, ct);

    /// <summary>Each segment escaped on its own, so "shipping/courier.md" stays two segments.</summary>
    internal static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private async Task<T?> GetAsync<T>(string route, CancellationToken ct) where T : class
    {
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, route), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode)
            throw new BotAdminUnavailableException($"bot admin API answered {(int)response.StatusCode} to GET {route}");
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct);
        }
        catch (JsonException ex)
        {
            throw new BotAdminUnavailableException($"bot admin API sent unreadable JSON for GET {route}", ex);
        }
    }

    private async Task<BotAdminResult> SendAsync(HttpMethod method, string route, object body, CancellationToken ct)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(method, route) { Content = JsonContent.Create(body, options: Json) }, ct);
        if ((int)response.StatusCode >= 500)
            throw new BotAdminUnavailableException($"bot admin API answered {(int)response.StatusCode} to {method} {route}");
        JsonElement? json = null;
        var errors = new List<KnowledgeFileError>();
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonSerializer.Deserialize<JsonElement>(text, Json);
                if (json.Value.ValueKind == JsonValueKind.Object && json.Value.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
                    errors.AddRange(list.Deserialize<List<KnowledgeFileError>>(Json) ?? []);
                // Other refusals are problem details: their detail (or title) is the reason.
                else if (!response.IsSuccessStatusCode && json.Value.ValueKind == JsonValueKind.Object
                         && (json.Value.TryGetProperty("detail", out var why) || json.Value.TryGetProperty("title", out why)) && why.ValueKind == JsonValueKind.String)
                    errors.Add(new KnowledgeFileError(null, why.GetString()!));
            }
            catch (JsonException)
            {
                // A refusal without JSON still carries its status; the reason is its text.
                if (!response.IsSuccessStatusCode) errors.Add(new KnowledgeFileError(null, text.Length > 300 ? text[..300] : text));
            }
        }
        return new BotAdminResult(response.StatusCode, errors, json);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) throw new BotAdminUnavailableException("Bot:AdminBaseUrl is not configured");
        request.RequestUri = new Uri(new Uri(settings.AdminBaseUrl!.TrimEnd('/') + "/"), request.RequestUri!.OriginalString);
        request.Headers.Add("X-Admin-Key", settings.AdminApiKey);
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new BotAdminUnavailableException("bot admin API unreachable", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new BotAdminUnavailableException("bot admin API timed out", ex);
        }
        finally
        {
            request.Dispose();
        }
    }
}

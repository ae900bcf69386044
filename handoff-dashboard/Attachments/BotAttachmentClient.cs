using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.KnowledgeAdmin;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Attachments;

/// <summary>The outcome of storing an agent's file on the bot: the stored attachment, or the bot's refusal (status and message).</summary>
public sealed record AgentUploadResult(AttachmentRef? Attachment, int Status, string? Problem);

/// <summary>Stores an agent's file through the bot's admin API (<c>POST /admin/attachments/{conversationId}</c>), which checks it as it checks a shopper's.</summary>
public sealed class BotAttachmentClient(HttpClient http, IOptions<BotAdminOptions> options)
{
    public async Task<AgentUploadResult> UploadAsync(string conversationId, string fileName, string? contentType, Stream content, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return new AgentUploadResult(null, 503, "Bot:AdminBaseUrl is not configured");
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content);
        if (!string.IsNullOrEmpty(contentType)) part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(new Uri(settings.AdminBaseUrl!.TrimEnd('/') + "/"), "admin/attachments/" + Uri.EscapeDataString(conversationId))) { Content = form };
        request.Headers.Add("X-Admin-Key", settings.AdminApiKey);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return new AgentUploadResult(await response.Content.ReadFromJsonAsync<AttachmentRef>(ct), 200, null);
        return new AgentUploadResult(null, (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}

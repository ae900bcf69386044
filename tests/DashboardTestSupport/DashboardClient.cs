using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>A signed-in dashboard user over HTTP: cookie + X-CSRF-TOKEN, as the pages do.</summary>
public sealed class DashboardClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CookieContainer Cookies { get; } = new();
    public HttpClient Http { get; }
    public Uri BaseAddress { get; }
    public string AgentId { get; private set; } = "";

    private DashboardClient(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<DashboardClient> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var client = new DashboardClient(baseAddress);
        var login = await client.Http.PostAsJsonAsync("api/auth/login", new { userName, password });
        if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in of {userName} answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        client.AgentId = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await client.RefreshCsrfAsync();
        return client;
    }

    public async Task RefreshCsrfAsync()
    {
        var antiforgery = await Http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery");
        Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        Http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
    }

    /// <summary>The same signed-in user talking to another instance (the cookie works there: keys are shared in Redis).</summary>
    public DashboardClient On(Uri otherInstance)
    {
        var other = new DashboardClient(otherInstance) { AgentId = AgentId };
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            other.Cookies.Add(new Uri(otherInstance, "/"), new Cookie(cookie.Name, cookie.Value, "/"));
        }
        foreach (var header in Http.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN")) other.Http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", header);
        return other;
    }

    private static string C(string id) => "api/conversations/" + Uri.EscapeDataString(id);

    public Task<HttpResponseMessage> AcceptAsync(string id) => Http.PostAsync(C(id) + "/accept", null);

    public Task<HttpResponseMessage> SendAsync(string id, string? text, string? clientMessageId = null) =>
        Http.PostAsJsonAsync(C(id) + "/messages", new { text, clientMessageId });

    public Task<HttpResponseMessage> TransferAsync(string id, string? toAgentId, string? note = null, bool? toSupervisor = null) =>
        Http.PostAsJsonAsync(C(id) + "/transfer", new { toAgentId, note, toSupervisor });

    public Task<HttpResponseMessage> ReassignAsync(string id, string toAgentId, string? note = null) =>
        Http.PostAsJsonAsync(C(id) + "/reassign", new { toAgentId, note });

    public Task<HttpResponseMessage> CloseAsync(string id) => Http.PostAsync(C(id) + "/close", null);

    public Task<HttpResponseMessage> TranscriptAsync(string id) => Http.GetAsync(C(id) + "/transcript");

    public async Task<List<QueueItem>> QueueAsync() => (await Http.GetFromJsonAsync<List<QueueItem>>("api/queue", Json))!;

    public async Task<List<MyConversation>> MineAsync() => (await Http.GetFromJsonAsync<List<MyConversation>>("api/conversations/mine", Json))!;

    public async Task SetStatusAsync(string status)
    {
        var response = await Http.PutAsJsonAsync("api/agents/me/status", new { status });
        response.EnsureSuccessStatusCode();
    }

    public Task<AgentHubPage> ConnectHubAsync() => AgentHubPage.ConnectAsync(BaseAddress, Cookies);

    public void Dispose() => Http.Dispose();
}

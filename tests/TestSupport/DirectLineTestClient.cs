using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatSupport.TestSupport;

/// <summary>A Direct Line 3.0 client speaking plain HTTP + WebSocket, for tests that check the wire.</summary>
public sealed class DirectLineTestClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private Uri _baseAddress;
    private ClientWebSocket? _socket;
    private Task? _receiving;
    private readonly CancellationTokenSource _stop = new();

    public string ConversationId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public string? StreamUrl { get; private set; }
    public Channel<JsonObject> Received { get; } = Channel.CreateUnbounded<JsonObject>();
    public string? LastWatermark { get; private set; }

    public DirectLineTestClient(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Sends the following requests to another instance (as a load balancer might).</summary>
    public void UseBaseAddress(Uri baseAddress) => _baseAddress = baseAddress;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseAddress, path));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        return await _http.SendAsync(request);
    }

    /// <summary>tokens/generate with the secret, then conversations/start with the token (the store page's flow).</summary>
    public async Task StartAsync(string secret, string? userId = null)
    {
        var generated = await SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", secret, userId is null ? null : new { user = new { id = userId } });
        generated.EnsureSuccessStatusCode();
        await StartWithTokenAsync((await generated.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
    }

    /// <summary>conversations/start with a token issued elsewhere (e.g. the store page's /api/store/chat-token).</summary>
    public async Task StartWithTokenAsync(string token)
    {
        Token = token;
        var started = await SendAsync(HttpMethod.Post, "v3/directline/conversations", Token, new { user = new { id = "ignored" } });
        if ((int)started.StatusCode != 201) throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        ConversationId = body["conversationId"]!.GetValue<string>();
        Token = body["token"]!.GetValue<string>();
        StreamUrl = body["streamUrl"]!.GetValue<string>();
    }

    public async Task ConnectStreamAsync(string? streamUrl = null)
    {
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(new Uri(streamUrl ?? StreamUrl!), _stop.Token);
        _receiving = ReceiveAsync(_socket);
    }

    /// <summary>Reconnect: GET conversations/{id}?watermark=, then open the new stream URL.</summary>
    public async Task ReconnectAsync(string? watermark)
    {
        await CloseStreamAsync();
        var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}?watermark={watermark}", Token);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        await ConnectStreamAsync(body["streamUrl"]!.GetValue<string>());
    }

    public async Task CloseStreamAsync()
    {
        if (_socket is null) return;
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { }
        if (_receiving is not null) await _receiving;
        _socket.Dispose();
        _socket = null;
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (message.Length == 0) continue;
                var set = JsonNode.Parse(message.ToArray())!.AsObject();
                if (set["watermark"] is { } w) LastWatermark = w.GetValue<string>();
                foreach (var activity in set["activities"]!.AsArray()) Received.Writer.TryWrite(activity!.AsObject());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async Task<string> PostMessageAsync(string text, string? clientActivityId = null)
    {
        var response = await SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities", Token,
            new { type = "message", text, from = new { id = "someone-else", role = "user" }, locale = "zh-CN", channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// POST .../upload?userId= as botframework-directlinejs sends it: the activity as a part named "activity" with type
    /// application/vnd.microsoft.activity and file name "blob" (a browser's Blob), then each file as a part named "file".
    /// </summary>
    public async Task<HttpResponseMessage> UploadAsync(IEnumerable<(string Name, string ContentType, byte[] Content)> files, string? text = null,
        string? bearer = null, string? conversationId = null)
    {
        var list = files.ToList();
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["role"] = "user" },
            ["locale"] = "zh-CN",
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
            ["attachments"] = new JsonArray(list.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["contentType"] = f.ContentType }).ToArray()),
        };
        if (text is not null) activity["text"] = text;
        using var form = new MultipartFormDataContent();
        var activityPart = new ByteArrayContent(Encoding.UTF8.GetBytes(activity.ToJsonString()));
        activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activityPart, "activity", "blob");
        foreach (var (name, contentType, content) in list)
        {
            var part = new ByteArrayContent(content);
            if (contentType.Length > 0) part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "file", name);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress,
            $"v3/directline/conversations/{Uri.EscapeDataString(conversationId ?? ConversationId)}/upload?userId=someone-else")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? Token);
        return await _http.SendAsync(request);
    }

    /// <summary>GET of an absolute URL (e.g. an attachment's signed contentUrl), with an optional Bearer.</summary>
    public async Task<HttpResponseMessage> GetAsync(string url, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _http.SendAsync(request);
    }

    /// <summary>Next streamed activity that matches, skipping others; fails after the timeout.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var activity = await Received.Reader.ReadAsync(cts.Token);
            if (match(activity)) return activity;
        }
    }

    public static bool IsBotMessage(JsonObject a) => a["type"]?.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot";

    /// <summary>A bot message whose text contains the fragment.</summary>
    public static Func<JsonObject, bool> BotSays(string fragment) =>
        a => IsBotMessage(a) && a["text"]?.GetValue<string>().Contains(fragment) == true;

    public async ValueTask DisposeAsync()
    {
        await CloseStreamAsync();
        _stop.Cancel();
        _http.Dispose();
    }
}

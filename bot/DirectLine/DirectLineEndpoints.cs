using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Traffic;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.DirectLine;

/// <summary>The Direct Line 3.0 REST + WebSocket surface under /v3/directline.</summary>
public static class DirectLineEndpoints
{
    /// <summary>Who is calling: the channel secret, or a token bound to one conversation and user.</summary>
    internal sealed record Caller(bool IsSecret, DirectLineTokenClaims? Token);

    public static void MapDirectLine(this WebApplication app)
    {
        var group = app.MapGroup("/v3/directline");
        group.MapPost("/tokens/generate", GenerateTokenAsync).LimitedAs(TrafficPolicies.Tokens);
        group.MapPost("/tokens/refresh", RefreshTokenAsync).LimitedAs(TrafficPolicies.Tokens);
        group.MapPost("/conversations", StartConversationAsync).LimitedAs(TrafficPolicies.Tokens);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).LimitedAs(TrafficPolicies.Reads);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).LimitedAs(TrafficPolicies.Reads);
        group.MapPost("/conversations/{conversationId}/activities", (Delegate)PostActivityAsync).LimitedAs(TrafficPolicies.Posts);
        // POST /conversations/{conversationId}/upload: bot/Attachments (DirectLineUpload).
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync).LimitedAs(TrafficPolicies.Sockets);
    }

    internal static (Caller? Caller, IResult? Error) Authenticate(HttpContext http, DirectLineTokenService tokens, string? bearerOverride = null)
    {
        var bearer = bearerOverride;
        if (bearer is null)
        {
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
                return (null, DirectLineErrors.MissingAuthorization());
            bearer = header[7..].Trim();
        }
        if (tokens.IsSecret(bearer)) return (new Caller(true, null), null);
        return tokens.Check(bearer, out var claims) switch
        {
            TokenCheck.Valid => (new Caller(false, claims), null),
            TokenCheck.Expired => (null, DirectLineErrors.Expired()),
            _ => (null, DirectLineErrors.InvalidToken()),
        };
    }

    /// <summary>A secret opens any conversation; a token only its own.</summary>
    internal static IResult? CheckScope(Caller caller, string conversationId) =>
        caller.IsSecret || string.Equals(caller.Token!.ConversationId, conversationId, StringComparison.Ordinal)
            ? null
            : DirectLineErrors.WrongConversation();

    private static async Task<(string? UserId, string? UserName, IResult? Error)> ReadUserAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || !(request.ContentType?.Contains("json") ?? false)) return (null, null, null);
        try
        {
            var body = await JsonNode.ParseAsync(request.Body);
            var user = body?["user"];
            return (user?["id"]?.GetValue<string>(), user?["name"]?.GetValue<string>(), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null, DirectLineErrors.Error(400, "BadArgument", "Request body is not valid JSON."));
        }
    }

    private static string NewUserId() => "dl_" + Guid.NewGuid().ToString("N")[..16];

    private static object ConversationBody(string conversationId, string token, int expiresIn, string? streamUrl) =>
        streamUrl is null
            ? new { conversationId, token, expires_in = expiresIn }
            : new { conversationId, token, expires_in = expiresIn, streamUrl };

    private static string StreamUrl(HttpRequest request, string conversationId, string token, long? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is null ? url : url + "&watermark=" + watermark;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        if (!caller!.IsSecret) return DirectLineErrors.InvalidToken();
        var (userId, _, bodyError) = await ReadUserAsync(http.Request);
        if (bodyError is not null) return bodyError;
        var conversationId = DirectLineConversationStore.NewConversationId();
        userId = string.IsNullOrWhiteSpace(userId) ? NewUserId() : userId;
        await store.CreateAsync(conversationId, userId, started: false);
        var issued = tokens.IssueForNew(conversationId, userId);
        return Results.Json(ConversationBody(conversationId, issued.Token, issued.ExpiresIn, null));
    }

    /// <summary>A new token for the same conversation, until the conversation reaches DirectLine:MaxConversationAgeHours.</summary>
    private static async Task<IResult> RefreshTokenAsync(HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store,
        ConversationLimits limits)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        if (caller!.IsSecret) return DirectLineErrors.Error(400, "BadArgument", "Refresh needs a token, not the secret.");
        var claims = caller.Token!;
        using var lease = limits.Acquire(TrafficPolicies.Tokens, claims.ConversationId);
        if (!lease.IsAcquired) return TooManyInConversation(http, lease);
        DateTimeOffset createdAt;
        if (claims.CreatedAtUnix > 0)
        {
            createdAt = DateTimeOffset.FromUnixTimeSeconds(claims.CreatedAtUnix);
        }
        else
        {
            // A token from before tokens carried the conversation's age: the record knows it.
            var conversation = await store.FindAsync(claims.ConversationId);
            if (conversation is null) return DirectLineErrors.UnknownConversation();
            createdAt = conversation.CreatedAt;
        }
        var issued = tokens.Issue(claims.ConversationId, claims.UserId, createdAt, claims.UserName);
        return issued is null
            ? DirectLineErrors.ConversationTooOld()
            : Results.Json(ConversationBody(claims.ConversationId, issued.Token, issued.ExpiresIn, null));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, DirectLineChannel channel, ConversationLimits limits)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        var (bodyUserId, userName, bodyError) = await ReadUserAsync(http.Request);
        if (bodyError is not null) return bodyError;

        string conversationId, userId;
        IssuedToken? issued;
        if (caller!.IsSecret)
        {
            conversationId = DirectLineConversationStore.NewConversationId();
            userId = string.IsNullOrWhiteSpace(bodyUserId) ? NewUserId() : bodyUserId;
            await store.CreateAsync(conversationId, userId, started: false);
            issued = tokens.IssueForNew(conversationId, userId);
        }
        else
        {
            conversationId = caller.Token!.ConversationId;
            using var lease = limits.Acquire(TrafficPolicies.Tokens, conversationId);
            if (!lease.IsAcquired) return TooManyInConversation(http, lease);
            userId = caller.Token.UserId;
            var conversation = await store.FindAsync(conversationId);
            if (conversation is null) return DirectLineErrors.UnknownConversation();
            issued = tokens.Issue(conversationId, userId, conversation.CreatedAt, caller.Token.UserName);
            userName = caller.Token.UserName ?? userName;
            if (issued is null) return DirectLineErrors.ConversationTooOld();
        }

        var token = issued.Token;
        var started = await store.TryStartAsync(conversationId);
        if (!started)
        {
            // Already started with this token: a fresh stream from now on (history is for GET /activities).
            var latest = await store.LatestWatermarkAsync(conversationId);
            return Results.Json(ConversationBody(conversationId, token, issued.ExpiresIn, StreamUrl(http.Request, conversationId, token, latest)));
        }
        channel.AnnounceStart(conversationId, userId, userName, http.Request);
        return Results.Json(ConversationBody(conversationId, token, issued.ExpiresIn, StreamUrl(http.Request, conversationId, token, null)),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store,
        ConversationLimits limits)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        if (CheckScope(caller!, conversationId) is { } scopeError) return scopeError;
        using var lease = limits.Acquire(TrafficPolicies.Reads, conversationId);
        if (!lease.IsAcquired) return TooManyInConversation(http, lease);
        var conversation = await store.FindAsync(conversationId);
        if (conversation is null) return DirectLineErrors.UnknownConversation();
        var issued = tokens.Issue(conversationId, conversation.UserId, conversation.CreatedAt, caller!.Token?.UserName);
        if (issued is null) return DirectLineErrors.ConversationTooOld();
        var after = ParseWatermark(watermark) ?? 0;
        return Results.Json(ConversationBody(conversationId, issued.Token, issued.ExpiresIn, StreamUrl(http.Request, conversationId, issued.Token, after)));
    }

    private static IResult TooManyInConversation(HttpContext http, System.Threading.RateLimiting.RateLimitLease lease) =>
        TrafficRegistration.TooManyRequests(http,
            lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1),
            "Too many requests in this conversation; slow down.");

    private static long? ParseWatermark(string? watermark) =>
        long.TryParse(watermark, out var value) && value >= 0 ? value : null;

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store,
        ConversationLimits limits)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        if (CheckScope(caller!, conversationId) is { } scopeError) return scopeError;
        using var lease = limits.Acquire(TrafficPolicies.Reads, conversationId);
        if (!lease.IsAcquired) return TooManyInConversation(http, lease);
        if (await store.FindAsync(conversationId) is null) return DirectLineErrors.UnknownConversation();
        var after = ParseWatermark(watermark);
        var fresh = await store.ReadAfterAsync(conversationId, after ?? 0);
        // Nothing new: give the client back its own watermark, never an invented one.
        var next = fresh.Count > 0 ? fresh[^1].Watermark.ToString() : string.IsNullOrEmpty(watermark) ? null : watermark;
        return Results.Json(new ActivitySet(fresh.Select(a => a.Activity).ToList(), next), ProtocolJson.Options);
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store,
        DirectLineChannel channel, IOptions<DirectLineOptions> options, ConversationRateLimiter rateLimiter, ConversationLimits limits)
    {
        var (caller, error) = Authenticate(http, tokens);
        if (error is not null) return error;
        if (CheckScope(caller!, conversationId) is { } scopeError) return scopeError;

        var o = options.Value;
        using var limited = await LimitedBody.ReadAsync(http.Request, o.MaxActivityBytes, http.RequestAborted);
        if (limited is null) return TooLarge(o);

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(limited, ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return DirectLineErrors.Error(400, "BadArgument", "Activity is not valid JSON.");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
            return DirectLineErrors.Error(400, "BadArgument", "Activity needs a type.");
        if (activity.Text is { } text && text.Length > o.MaxTextLength)
            return DirectLineErrors.Error(413, "MessageSizeTooBig", $"Message text is longer than {o.MaxTextLength} characters.");

        // A token names its user, and storing the activity checks that the conversation still exists in
        // the same Redis call; the record is read first only when the secret is used (the user may come
        // from it) or for typing (never stored).
        DirectLineConversation? conversation = null;
        if (caller!.IsSecret || activity.IsType(ActivityTypes.Typing))
        {
            conversation = await store.FindAsync(conversationId);
            if (conversation is null) return DirectLineErrors.UnknownConversation();
        }
        using var lease = limits.Acquire(TrafficPolicies.Posts, conversationId);
        if (!lease.IsAcquired) return TooManyInConversation(http, lease);
        if (!rateLimiter.TryAcquire(conversationId))
            return TrafficRegistration.TooManyRequests(http, TimeSpan.FromSeconds(1), "Too many activities in this conversation; slow down.");

        // Trust nothing identity-related from the client; a token binds the user.
        var userId = caller.IsSecret ? activity.From?.Id ?? conversation!.UserId : caller.Token!.UserId;
        if (caller.Token?.UserName is { } vouchedName) activity.From = new ChannelAccount { Id = userId, Name = vouchedName };
        var result = await channel.ReceiveFromClientAsync(activity, conversationId, userId, http.Request, http.RequestAborted);
        if (result.UnknownConversation) return DirectLineErrors.UnknownConversation();
        return result.BotFailed
            ? DirectLineErrors.Error(502, "BotError", "The bot did not answer in time.")
            : Results.Json(new ResourceResponse(result.ActivityId), ProtocolJson.Options);
    }

    private static IResult TooLarge(DirectLineOptions o) =>
        DirectLineErrors.Error(413, "MessageSizeTooBig", $"Activity is larger than {o.MaxActivityBytes} bytes.");

    private static async Task StreamAsync(
        string conversationId, string? t, string? watermark, HttpContext http, DirectLineTokenService tokens,
        DirectLineConversationStore store, DirectLineStreams streams, ConversationLimits limits)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineErrors.Error(400, "BadArgument", "WebSocket upgrade expected.").ExecuteAsync(http);
            return;
        }
        var (caller, error) = string.IsNullOrEmpty(t)
            ? (null, DirectLineErrors.MissingAuthorization())
            : Authenticate(http, tokens, t);
        error ??= CheckScope(caller!, conversationId);
        if (error is null && await store.FindAsync(conversationId) is null) error = DirectLineErrors.UnknownConversation();
        if (error is not null)
        {
            await error.ExecuteAsync(http);
            return;
        }
        // Held while the socket is open: at most Traffic:Sockets:PerConversation at once.
        using var lease = limits.Acquire(TrafficPolicies.Sockets, conversationId);
        if (!lease.IsAcquired)
        {
            await TrafficRegistration.TooManyRequests(http, TimeSpan.FromSeconds(5), "Too many streams open for this conversation.").ExecuteAsync(http);
            return;
        }
        // A token's stream lasts as long as the token: the client reconnects with its refreshed one.
        DateTimeOffset? expiresAt = caller!.IsSecret ? null : DateTimeOffset.FromUnixTimeSeconds(caller.Token!.ExpiresAtUnix);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await streams.ServeAsync(socket, conversationId, ParseWatermark(watermark) ?? 0, expiresAt, http.RequestAborted);
    }
}

/// <summary>Per-conversation token bucket on this instance: a flood from one shopper gets 429, others are unaffected.</summary>
public sealed class ConversationRateLimiter(IOptions<DirectLineOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(id =>
        RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.PostsPerSecondPerConversation * 3,
            TokensPerPeriod = options.Value.PostsPerSecondPerConversation,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryAcquire(string conversationId)
    {
        using var lease = _limiter.AttemptAcquire(conversationId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

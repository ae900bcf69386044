using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatSupport.Bot.Protocol;

/// <summary>Section "Connector": how the bot's calls to a channel's serviceUrl are retried and timed out.</summary>
public sealed class ConnectorResilienceOptions
{
    public const string SectionName = "Connector";

    /// <summary>Retries after the first call, for 429 and 5xx answers and refused connections.</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off when the channel sends no Retry-After (then doubled, with jitter).</summary>
    [Range(50, 60_000)] public int BaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Longest wait between tries, a channel's Retry-After included.</summary>
    [Range(1, 300)] public int MaxDelaySeconds { get; set; } = 30;

    /// <summary>One call's time limit. A call that runs past it is not repeated (see <see cref="ConnectorResilience"/>).</summary>
    [Range(1, 120)] public int AttemptTimeoutSeconds { get; set; } = 15;
}

/// <summary>
/// The resilience pipeline of the "connector" HttpClient (Microsoft.Extensions.Http.Resilience): retry with
/// exponential back-off and jitter, honouring the channel's <c>Retry-After</c>, outside a per-call timeout.
/// Only answers that say the activity was not taken are retried: 429 and 5xx (the Connector's documented
/// "try again"), and a connection that was refused or reset before anything was sent. A call that timed out
/// is NOT retried: the channel may well have posted it to the shopper already, and a blind repeat would show the
/// message twice; the turn fails instead and its caller (relay, deferred turns) decides, with their own de-duplication.
/// </summary>
public static class ConnectorResilience
{
    public const string ClientName = "connector";

    public static void AddConnectorClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorResilienceOptions>().Bind(configuration.GetSection(ConnectorResilienceOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        var o = configuration.GetSection(ConnectorResilienceOptions.SectionName).Get<ConnectorResilienceOptions>() ?? new();
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("connector-retry", pipeline => Configure(pipeline, o));
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorResilienceOptions o)
    {
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, o.MaxRetries),
            ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && IsSafeToRetry(args.Outcome)),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(o.BaseDelayMilliseconds),
            MaxDelay = TimeSpan.FromSeconds(o.MaxDelaySeconds),
            ShouldRetryAfterHeader = true,
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(o.AttemptTimeoutSeconds));
    }

    /// <summary>True when the channel certainly did not take the activity, so sending it again cannot duplicate it.</summary>
    public static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { } response)
            return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
        // Refused before the request went out. A timeout (TimeoutRejectedException) or a reset mid-call is never retried.
        return outcome.Exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
    }
}

using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// Section "ModelAssist": the optional OpenAI-compatible chat endpoint that decides low-confidence messages among a
/// closed set of choices and rephrases matched answers. Off unless <see cref="Endpoint"/> is set; the offline engine
/// then makes every decision and no request leaves the machine.
/// </summary>
public sealed class ModelAssistOptions
{
    public const string SectionName = "ModelAssist";

    /// <summary>Base address of the API, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// The whole budget for one model call; past it the offline decision (or the verbatim FAQ) is used. The shopper
    /// waits for this, so it stays short.
    /// </summary>
    [Range(100, 30_000)]
    public int TimeoutMilliseconds { get; set; } = 1500;

    /// <summary>Let the model decide clarify, fallback-with-candidates and low-confidence handoff decisions.</summary>
    public bool DecideLowConfidence { get; set; } = true;

    /// <summary>Let the model adapt a matched FAQ answer to the shopper's wording (grounded only in that FAQ).</summary>
    public bool RephraseAnswers { get; set; } = true;

    /// <summary>
    /// A handoff the offline engine decided with a confidence below this is low-confidence and goes to the model too.
    /// Requests for a person and complaints at or above <see cref="ProtectedHandoffConfidence"/> never do.
    /// </summary>
    [Range(0.0, 1.0)]
    public double LowConfidenceHandoffBelow { get; set; } = 0.85;

    /// <summary>A request for a person or a complaint at or above this confidence is never overridden by the model.</summary>
    [Range(0.0, 1.0)]
    public double ProtectedHandoffConfidence { get; set; } = 0.9;

    public bool IsConfigured =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMilliseconds);
}

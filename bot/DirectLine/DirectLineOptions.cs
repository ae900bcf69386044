using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.DirectLine;

/// <summary>Section "DirectLine": the embedded Direct Line 3.0 channel.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>The channel secret (as Azure's Direct Line secret). Never in appsettings; set DirectLine__Secret.</summary>
    public string? Secret { get; set; }

    /// <summary>Key that signs conversation tokens; every instance needs the same one. Defaults to one derived from <see cref="Secret"/>.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Token lifetime. Clients refresh every 15 minutes, so it must be longer than that.</summary>
    [Range(16 * 60, 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// A conversation's tokens can be refreshed until it is this old, no longer: a leaked token stops working by then at
    /// the latest, and an open stream is closed when the token it was opened with expires.
    /// </summary>
    [Range(1, 24 * 30)]
    public int MaxConversationAgeHours { get; set; } = 24;

    /// <summary>Activities kept per conversation; beyond it the oldest are dropped (a reader that far behind starts at the oldest kept).</summary>
    [Range(10, 1_000_000)]
    public int MaxActivitiesPerConversation { get; set; } = 2000;

    /// <summary>Longest message text accepted from a client (characters); longer posts get 413.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 5000;

    /// <summary>Largest activity body accepted (bytes); larger posts get 413.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Posts allowed per conversation per second on one instance (token bucket; burst = 3×). Floods get 429.</summary>
    [Range(1, 1000)]
    public int PostsPerSecondPerConversation { get; set; } = 5;

    /// <summary>How long a conversation's activities are kept in Redis after its last activity.</summary>
    [Range(1, 24 * 90)]
    public int RetentionHours { get; set; } = 72;

    /// <summary>The bot's account in Direct Line conversations.</summary>
    [Required] public string BotId { get; set; } = "chatsupport-bot";
    [Required] public string BotName { get; set; } = "小禾";

    /// <summary>How long a turn may take before the client's post is answered 502 (the real service waits 15 s).</summary>
    [Range(1, 60)]
    public int BotTimeoutSeconds { get; set; } = 15;
}

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Section "Bot": where reply assist reaches the bot's admin API to reuse its FAQ matching.
/// Empty base URL = reply assist offers canned replies only.
/// </summary>
public sealed class ReplyAssistBotOptions
{
    public const string SectionName = "Bot";

    public string? AdminBaseUrl { get; set; }

    /// <summary>Sent as X-Admin-Key. A secret: set it through the environment (Bot__AdminApiKey), never in appsettings.json.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Reply assist must not make the agent wait: give up on the bot after this long.</summary>
    public int TimeoutMilliseconds { get; set; } = 1_500;
}

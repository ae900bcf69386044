using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Traffic;

/// <summary>
/// Section "Traffic": who the bot believes a caller is (forwarded headers from trusted proxies only) and how much each
/// caller, each conversation and everyone together may ask for. Limits are counted in memory, per instance: behind a
/// load balancer with N instances the overall figures are N times these.
/// </summary>
public sealed class TrafficOptions
{
    public const string SectionName = "Traffic";

    /// <summary>
    /// Proxies (addresses, or networks in CIDR form such as 10.0.0.0/8) whose X-Forwarded-For / X-Forwarded-Proto are
    /// believed. Empty (the default): the headers are ignored and the connection's address is the caller's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>POST /api/messages. Azure Bot Service calls from few addresses: with an app id, size PerAddress to the whole bot's traffic.</summary>
    [Required] public TrafficLimit BotMessages { get; set; } = new() { PerAddress = 600, Overall = 6000, PerConversation = 120 };

    /// <summary>
    /// Conversation-creating calls: tokens/generate, tokens/refresh, POST conversations, the store page's chat-token. A page
    /// load costs two (chat-token, then start), so 60 a minute per address is 30 page loads.
    /// </summary>
    [Required] public TrafficLimit Tokens { get; set; } = new() { PerAddress = 60, Overall = 1200 };

    /// <summary>Direct Line posts (per conversation they are also held to DirectLine:PostsPerSecondPerConversation, a token bucket).</summary>
    [Required] public TrafficLimit Posts { get; set; } = new() { PerAddress = 300, Overall = 12000 };

    /// <summary>Direct Line reads: GET activities (polling clients ask once a second) and reconnects.</summary>
    [Required] public TrafficLimit Reads { get; set; } = new() { PerAddress = 600, Overall = 30000, PerConversation = 150 };

    /// <summary>Direct Line WebSockets: how many may be open at once (not per window).</summary>
    [Required] public TrafficLimit Sockets { get; set; } = new() { PerAddress = 20, Overall = 10000, PerConversation = 4 };
}

/// <summary>Requests allowed per <see cref="WindowSeconds"/> (for sockets: open at once); 0 = no limit of that kind.</summary>
public sealed class TrafficLimit
{
    [Range(0, int.MaxValue)] public int PerAddress { get; set; }
    [Range(0, int.MaxValue)] public int Overall { get; set; }
    [Range(0, int.MaxValue)] public int PerConversation { get; set; }
    [Range(1, 3600)] public int WindowSeconds { get; set; } = 60;
}

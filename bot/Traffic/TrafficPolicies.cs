namespace ChatSupport.Bot.Traffic;

/// <summary>The kinds of traffic that are limited, one per <see cref="TrafficOptions"/> limit; endpoints name theirs with RequireRateLimiting.</summary>
public static class TrafficPolicies
{
    public const string BotMessages = "bot-messages";
    public const string Tokens = "tokens";
    public const string Posts = "posts";
    public const string Reads = "reads";
    public const string Sockets = "sockets";

    public static TrafficLimit LimitFor(this TrafficOptions options, string policy) => policy switch
    {
        BotMessages => options.BotMessages,
        Tokens => options.Tokens,
        Posts => options.Posts,
        Reads => options.Reads,
        Sockets => options.Sockets,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown traffic policy"),
    };
}

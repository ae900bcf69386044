

using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Dialogue;

internal static partial class DialogueLog
{
    [LoggerMessage(3201, LogLevel.Information, "Activity {ActivityId} routed to {Route} (faq {FaqId}, score {Score:F3})")]
    public static partial void Routed(ILogger logger, string? activityId, ChatSupport.Bot.Routing.Route route, string? faqId, double score);

    [LoggerMessage(3202, LogLevel.Information, "Activity {ActivityId} is small talk ({Kind}): replied in kind, fallback count unchanged")]
    public static partial void SmallTalk(ILogger logger, string? activityId, SmallTalkKind kind);
}

namespace ChatSupport.Bot.Routing.ModelAssist;

internal static partial class ModelAssistLog
{
    [LoggerMessage(6001, LogLevel.Information, "Model chose '{Choice}' for a low-confidence {Offline} decision: now {Route}, in {Milliseconds} ms")]
    public static partial void Chose(ILogger logger, string choice, Route offline, Route route, long milliseconds);

    [LoggerMessage(6002, LogLevel.Warning, "Model gave no usable choice for a {Offline} decision after {Milliseconds} ms ({Failure}); the offline decision stands")]
    public static partial void ChoiceRejected(ILogger logger, Route offline, long milliseconds, string failure);
}

namespace ChatSupport.Bot.Routing.ModelAssist;

internal static partial class ModelAssistLog
{
    [LoggerMessage(6001, LogLevel.Information, "Model chose '{Choice}' for a low-confidence {Offline} decision: now {Route}, in {Milliseconds} ms")]
    public static partial void Chose(ILogger logger, string choice, Route offline, Route route, long milliseconds);

    [LoggerMessage(6002, LogLevel.Warning, "Model gave no usable choice for a {Offline} decision after {Milliseconds} ms ({Failure}); the offline decision stands")]
    public static partial void ChoiceRejected(ILogger logger, Route offline, long milliseconds, string failure);

    [LoggerMessage(6003, LogLevel.Information, "Model client stack warmed up in-process in {Milliseconds} ms")]
    public static partial void WarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(6004, LogLevel.Warning, "Model client warm-up failed; the first model call will be slower")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}

namespace ChatSupport.Bot.Knowledge;

internal static partial class KnowledgeLog
{
    [LoggerMessage(3001, LogLevel.Information, "Knowledge loaded from {Folder}: {Count} FAQs, {Errors} file errors, in {Milliseconds} ms")]
    public static partial void Loaded(ILogger logger, string folder, int count, int errors, long milliseconds);

    [LoggerMessage(3002, LogLevel.Warning, "Knowledge file {File} line {Line}: {Reason}")]
    public static partial void FileError(ILogger logger, string file, int line, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Knowledge folder {Folder} does not exist; every message will get the fallback until it appears")]
    public static partial void FolderMissing(ILogger logger, string folder);

    [LoggerMessage(3004, LogLevel.Warning, "Knowledge folder {Folder} has no FAQ files")]
    public static partial void FolderEmpty(ILogger logger, string folder);

    [LoggerMessage(3005, LogLevel.Error, "Knowledge reload failed; the previous version keeps serving")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Warning, "Answer rephrasing failed or timed out after {Milliseconds} ms; the FAQ text is sent verbatim")]
    public static partial void RephraseFailed(ILogger logger, long milliseconds, Exception? exception);

    [LoggerMessage(3007, LogLevel.Information, "FAQ file {File} written through the admin API")]
    public static partial void FileWritten(ILogger logger, string file);

    [LoggerMessage(3008, LogLevel.Information, "Knowledge file {File} is served from its last good version")]
    public static partial void ServedFromLastGood(ILogger logger, string file);
}

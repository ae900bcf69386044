using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>Keeps every log line (level and formatted message) so a test can check what an operator would read.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    /// <summary>The same lines with the wall-clock time they were logged at, for a failing test's diagnostics.</summary>
    public ConcurrentQueue<string> Timed { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner.Lines.Enqueue((logLevel, category, message));
            owner.Timed.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {message}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}

using Microsoft.Extensions.Logging;

namespace AutoLR.Integration.Host;

/// <summary>
/// Writes log entries, exceptions included (with their stack traces, as the console logger does), to a text writer:
/// an in-process run's stderr as the user would see it.
/// </summary>
public sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer);

    public void Dispose() { }

    private sealed class Logger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (writer)
            {
                writer.WriteLine($"{logLevel}: {formatter(state, exception)}");
                if (exception is not null) writer.WriteLine(exception);
            }
        }
    }
}

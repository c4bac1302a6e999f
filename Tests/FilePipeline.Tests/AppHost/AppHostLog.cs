using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.AppHost;

/// <summary>Keeps what the AppHost's own code logs (categories <c>FilePipeline.AppHost.*</c>), one rendered line each.</summary>
public sealed class AppHostLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName.StartsWith("FilePipeline.AppHost", StringComparison.Ordinal) ? _lines : null);

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<string>? lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => lines is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines?.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}

using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>The AppHost's own log lines, written through the multiplexer under their own prefix.</summary>
public sealed class MultiplexedLogger(LogMultiplexer logs, string resource, LogLevel minimum = LogLevel.Information) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error or LogLevel.Critical => "fail: ",
            _ => "",
        };
        logs.Write(resource, level + formatter(state, exception));
        if (exception is not null)
        {
            logs.Write(resource, "      " + exception.GetType().Name + ": " + exception.Message);
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// One line per entry, as <c>AddSimpleConsole(SingleLine = true)</c> writes it (<c>info: Category[0] message</c>, the
/// exception on the same line): every line of a Lambda function's output is one CloudWatch event. The simple formatter
/// is internal to Microsoft.Extensions.Logging.Console and only reachable through dependency injection, which the
/// bootstrap does without (<see cref="LambdaHost"/>); this is the library's own extension point for a formatter.
/// </summary>
internal sealed class SingleLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "filepipeline-single-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        WriteOneLine(textWriter, message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(' ');
            WriteOneLine(textWriter, exception.ToString());
        }

        textWriter.Write(Environment.NewLine);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private static void WriteOneLine(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var line in text.AsSpan().EnumerateLines())
        {
            writer.Write(line);
            writer.Write(' ');
        }
    }
}

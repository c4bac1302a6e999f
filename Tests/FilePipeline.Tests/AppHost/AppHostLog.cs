using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// Keeps what the AppHost's own code logs (categories <c>FilePipeline.AppHost.*</c>, the AppHost's console), one
/// rendered line each. Aspire.Hosting.Testing also forwards each resource's console log as category
/// <c>FilePipeline.AppHost.Resources.&lt;resource&gt;</c>: those are kept apart, in <see cref="ResourceLines"/>.
/// </summary>
public sealed class AppHostLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _resourceLines = new();

    /// <summary>The AppHost's console lines.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The resources' console logs (what the dashboard shows per resource).</summary>
    public IReadOnlyList<string> ResourceLines => [.. _resourceLines];

    /// <summary>The last <paramref name="count"/> console lines of <paramref name="resource"/>'s instances, for a failure's message.</summary>
    public IReadOnlyList<string> LastResourceLines(string resource, int count) =>
        [.. ResourceLines.Where(l => l.StartsWith(Tag(resource), StringComparison.Ordinal)).TakeLast(count)];

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? new Collector(_resourceLines, Tag(categoryName[ResourcePrefix.Length..]))
        : new Collector(categoryName.StartsWith("FilePipeline.AppHost", StringComparison.Ordinal) ? _lines : null, "");

    private const string ResourcePrefix = "FilePipeline.AppHost.Resources.";

    /// <summary>What a resource's lines start with: its name, as Aspire.Hosting.Testing names its log category.</summary>
    private static string Tag(string resource) => $"[{resource}] ";

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<string>? lines, string prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => lines is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines?.Enqueue($"{prefix}{logLevel}: {formatter(state, exception)}");
    }
}

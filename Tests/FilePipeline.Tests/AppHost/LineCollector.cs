using System.Collections.Concurrent;
using System.Text;

namespace FilePipeline.Tests.AppHost;

/// <summary>A writer that keeps every line written to it, safe to read while others write.</summary>
public sealed class LineCollector : TextWriter
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _partial = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Add(string line) => _lines.Enqueue(line);

    public override void Write(char value)
    {
        lock (_partial)
        {
            if (value == '\n')
            {
                _lines.Enqueue(_partial.ToString());
                _partial.Clear();
            }
            else if (value != '\r')
            {
                _partial.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_partial)
        {
            _lines.Enqueue(_partial.Append(value).ToString());
            _partial.Clear();
        }
    }

    /// <summary>Waits until a line matches, or fails after <paramref name="timeout"/> showing what was written.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No matching line within {timeout.TotalSeconds} s. Output:\n{string.Join('\n', _lines.TakeLast(60))}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}

namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// Writes the lines of every child (and of the AppHost itself) to one output, each prefixed with the
/// resource it came from, one whole line at a time.
/// </summary>
public sealed class LogMultiplexer(TextWriter output, bool color)
{
    private static readonly string[] Colors = ["36", "33", "35", "32", "34", "91", "96", "93"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colors = [];
    private int _width;

    /// <summary>A multiplexer on standard output, coloured when it is a terminal and NO_COLOR is unset.</summary>
    public static LogMultiplexer ForConsole() =>
        new(Console.Out, !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    /// <summary>Makes room for <paramref name="resource"/> in the prefix column, so prefixes line up.</summary>
    public void Register(string resource)
    {
        lock (_gate)
        {
            _width = Math.Max(_width, resource.Length);
            if (!_colors.ContainsKey(resource))
            {
                _colors[resource] = Colors[_colors.Count % Colors.Length];
            }
        }
    }

    public void Write(string resource, string line)
    {
        lock (_gate)
        {
            var prefix = resource.PadRight(_width);
            if (color && _colors.TryGetValue(resource, out var code))
            {
                output.WriteLine($"\u001b[{code}m{prefix}\u001b[0m | {line}");
            }
            else
            {
                output.WriteLine($"{prefix} | {line}");
            }

            output.Flush();
        }
    }

    /// <summary>Writes text as is (the summary), without a prefix, not interleaved with other lines.</summary>
    public void WriteRaw(string text)
    {
        lock (_gate)
        {
            output.Write(text);
            output.Flush();
        }
    }
}

namespace FilePipeline.Cli.Commands;

/// <summary>The verb cannot find or reach the stack it should operate on (exit code <see cref="ExitCodes.Unavailable"/>).</summary>
public sealed class StackTargetException(string message, Exception? inner = null) : Exception(message, inner);

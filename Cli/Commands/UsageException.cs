namespace FilePipeline.Cli.Commands;

/// <summary>The arguments cannot be acted on (exit code <see cref="ExitCodes.Usage"/>); nothing was changed.</summary>
public sealed class UsageException(string message) : Exception(message);

namespace FilePipeline.Cli;

/// <summary>Exit codes of the operator command line's verbs (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The work was attempted and failed, in whole or part (a child never became healthy, an upload failed).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or configuration (also System.CommandLine's parse errors).</summary>
    public const int Usage = 2;

    /// <summary>The emulator or AWS endpoint, or the stack's resources, could not be reached or found.</summary>
    public const int Unavailable = 3;

    /// <summary>Stopped by Ctrl+C / SIGTERM before finishing (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}

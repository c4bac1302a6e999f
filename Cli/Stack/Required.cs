using FilePipeline.Cli.Commands;

namespace FilePipeline.Cli.Stack;

/// <summary>Checks that a stack output a verb needs is known.</summary>
public static class Required
{
    public static string Output(string value, string outputKey) =>
        string.IsNullOrEmpty(value)
            ? throw new StackTargetException($"The stack output {outputKey} is unknown: set AWS__Resources__{outputKey} or use --stack/--endpoint.")
            : value;
}

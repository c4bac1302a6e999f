using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ExecutionStatus</c> values.</summary>
public sealed class ExecutionStatus(string value) : ConstantClass(value)
{
    public static readonly ExecutionStatus AVAILABLE = new("AVAILABLE");

    public static readonly ExecutionStatus EXECUTE_COMPLETE = new("EXECUTE_COMPLETE");

    public static readonly ExecutionStatus EXECUTE_FAILED = new("EXECUTE_FAILED");

    public static readonly ExecutionStatus EXECUTE_IN_PROGRESS = new("EXECUTE_IN_PROGRESS");

    public static readonly ExecutionStatus OBSOLETE = new("OBSOLETE");

    public static readonly ExecutionStatus UNAVAILABLE = new("UNAVAILABLE");

    public static ExecutionStatus FindValue(string value) => FindValue<ExecutionStatus>(value);

    public static implicit operator ExecutionStatus(string value) => FindValue(value);
}

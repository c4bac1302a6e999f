using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ChangeSetStatus</c> values.</summary>
public sealed class ChangeSetStatus(string value) : ConstantClass(value)
{
    public static readonly ChangeSetStatus CREATE_COMPLETE = new("CREATE_COMPLETE");

    public static readonly ChangeSetStatus CREATE_IN_PROGRESS = new("CREATE_IN_PROGRESS");

    public static readonly ChangeSetStatus CREATE_PENDING = new("CREATE_PENDING");

    public static readonly ChangeSetStatus DELETE_COMPLETE = new("DELETE_COMPLETE");

    public static readonly ChangeSetStatus DELETE_FAILED = new("DELETE_FAILED");

    public static readonly ChangeSetStatus DELETE_IN_PROGRESS = new("DELETE_IN_PROGRESS");

    public static readonly ChangeSetStatus DELETE_PENDING = new("DELETE_PENDING");

    public static readonly ChangeSetStatus FAILED = new("FAILED");

    public static ChangeSetStatus FindValue(string value) => FindValue<ChangeSetStatus>(value);

    public static implicit operator ChangeSetStatus(string value) => FindValue(value);
}

using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ChangeSetType</c> values.</summary>
public sealed class ChangeSetType(string value) : ConstantClass(value)
{
    public static readonly ChangeSetType CREATE = new("CREATE");

    public static readonly ChangeSetType IMPORT = new("IMPORT");

    public static readonly ChangeSetType UPDATE = new("UPDATE");

    public static ChangeSetType FindValue(string value) => FindValue<ChangeSetType>(value);

    public static implicit operator ChangeSetType(string value) => FindValue(value);
}

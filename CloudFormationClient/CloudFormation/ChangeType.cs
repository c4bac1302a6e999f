using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ChangeType</c> values.</summary>
public sealed class ChangeType(string value) : ConstantClass(value)
{
    public static readonly ChangeType Resource = new("Resource");

    public static ChangeType FindValue(string value) => FindValue<ChangeType>(value);

    public static implicit operator ChangeType(string value) => FindValue(value);
}

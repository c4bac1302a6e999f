using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>Capability</c> values.</summary>
public sealed class Capability(string value) : ConstantClass(value)
{
    public static readonly Capability CAPABILITY_AUTO_EXPAND = new("CAPABILITY_AUTO_EXPAND");

    public static readonly Capability CAPABILITY_IAM = new("CAPABILITY_IAM");

    public static readonly Capability CAPABILITY_NAMED_IAM = new("CAPABILITY_NAMED_IAM");

    public static Capability FindValue(string value) => FindValue<Capability>(value);

    public static implicit operator Capability(string value) => FindValue(value);
}

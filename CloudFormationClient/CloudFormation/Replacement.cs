using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>Replacement</c> values.</summary>
public sealed class Replacement(string value) : ConstantClass(value)
{
    public static readonly Replacement Conditional = new("Conditional");

    public static readonly Replacement False = new("False");

    public static readonly Replacement True = new("True");

    public static Replacement FindValue(string value) => FindValue<Replacement>(value);

    public static implicit operator Replacement(string value) => FindValue(value);
}

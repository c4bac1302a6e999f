using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>OnFailure</c> values.</summary>
public sealed class OnFailure(string value) : ConstantClass(value)
{
    public static readonly OnFailure DELETE = new("DELETE");

    public static readonly OnFailure DO_NOTHING = new("DO_NOTHING");

    public static readonly OnFailure ROLLBACK = new("ROLLBACK");

    public static OnFailure FindValue(string value) => FindValue<OnFailure>(value);

    public static implicit operator OnFailure(string value) => FindValue(value);
}

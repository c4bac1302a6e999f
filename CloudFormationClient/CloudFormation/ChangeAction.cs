using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ChangeAction</c> values.</summary>
public sealed class ChangeAction(string value) : ConstantClass(value)
{
    public static readonly ChangeAction Add = new("Add");

    public static readonly ChangeAction Dynamic = new("Dynamic");

    public static readonly ChangeAction Import = new("Import");

    public static readonly ChangeAction Modify = new("Modify");

    public static readonly ChangeAction Remove = new("Remove");

    public static ChangeAction FindValue(string value) => FindValue<ChangeAction>(value);

    public static implicit operator ChangeAction(string value) => FindValue(value);
}

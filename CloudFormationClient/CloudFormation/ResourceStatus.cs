using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>CloudFormation <c>ResourceStatus</c> values.</summary>
public sealed class ResourceStatus(string value) : ConstantClass(value)
{
    public static readonly ResourceStatus CREATE_COMPLETE = new("CREATE_COMPLETE");

    public static readonly ResourceStatus CREATE_FAILED = new("CREATE_FAILED");

    public static readonly ResourceStatus CREATE_IN_PROGRESS = new("CREATE_IN_PROGRESS");

    public static readonly ResourceStatus DELETE_COMPLETE = new("DELETE_COMPLETE");

    public static readonly ResourceStatus DELETE_FAILED = new("DELETE_FAILED");

    public static readonly ResourceStatus DELETE_IN_PROGRESS = new("DELETE_IN_PROGRESS");

    public static readonly ResourceStatus DELETE_SKIPPED = new("DELETE_SKIPPED");

    public static readonly ResourceStatus IMPORT_COMPLETE = new("IMPORT_COMPLETE");

    public static readonly ResourceStatus IMPORT_FAILED = new("IMPORT_FAILED");

    public static readonly ResourceStatus IMPORT_IN_PROGRESS = new("IMPORT_IN_PROGRESS");

    public static readonly ResourceStatus IMPORT_ROLLBACK_COMPLETE = new("IMPORT_ROLLBACK_COMPLETE");

    public static readonly ResourceStatus IMPORT_ROLLBACK_FAILED = new("IMPORT_ROLLBACK_FAILED");

    public static readonly ResourceStatus IMPORT_ROLLBACK_IN_PROGRESS = new("IMPORT_ROLLBACK_IN_PROGRESS");

    public static readonly ResourceStatus ROLLBACK_COMPLETE = new("ROLLBACK_COMPLETE");

    public static readonly ResourceStatus ROLLBACK_FAILED = new("ROLLBACK_FAILED");

    public static readonly ResourceStatus ROLLBACK_IN_PROGRESS = new("ROLLBACK_IN_PROGRESS");

    public static readonly ResourceStatus UPDATE_COMPLETE = new("UPDATE_COMPLETE");

    public static readonly ResourceStatus UPDATE_FAILED = new("UPDATE_FAILED");

    public static readonly ResourceStatus UPDATE_IN_PROGRESS = new("UPDATE_IN_PROGRESS");

    public static readonly ResourceStatus UPDATE_ROLLBACK_COMPLETE = new("UPDATE_ROLLBACK_COMPLETE");

    public static readonly ResourceStatus UPDATE_ROLLBACK_FAILED = new("UPDATE_ROLLBACK_FAILED");

    public static readonly ResourceStatus UPDATE_ROLLBACK_IN_PROGRESS = new("UPDATE_ROLLBACK_IN_PROGRESS");

    public static ResourceStatus FindValue(string value) => FindValue<ResourceStatus>(value);

    public static implicit operator ResourceStatus(string value) => FindValue(value);
}

namespace Amazon.CloudFormation.Model;

/// <summary>A stack tag (a local stack attached to an existing bucket records a fact about the bucket in one).</summary>
public partial class Tag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

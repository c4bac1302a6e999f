namespace Amazon.CloudFormation.Model;

/// <summary>A stack tag.</summary>
public partial class Tag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

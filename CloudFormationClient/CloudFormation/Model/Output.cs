namespace Amazon.CloudFormation.Model;

/// <summary>A stack output.</summary>
public partial class Output
{
    public string? OutputKey { get; set; }

    public string? OutputValue { get; set; }

    public string? Description { get; set; }
}

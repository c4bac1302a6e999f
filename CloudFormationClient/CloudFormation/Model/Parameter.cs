namespace Amazon.CloudFormation.Model;

/// <summary>A stack parameter.</summary>
public partial class Parameter
{
    public string? ParameterKey { get; set; }

    public string? ParameterValue { get; set; }
}

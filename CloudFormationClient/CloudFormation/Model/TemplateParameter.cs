namespace Amazon.CloudFormation.Model;

/// <summary>A parameter a template declares.</summary>
public partial class TemplateParameter
{
    public string? ParameterKey { get; set; }

    public string? DefaultValue { get; set; }

    public bool? NoEcho { get; set; }

    public string? Description { get; set; }
}

namespace Amazon.CloudFormation.Model;

/// <summary>Request of DeleteStack: Deletes a stack.</summary>
public partial class DeleteStackRequest : AmazonCloudFormationRequest
{
    public DeleteStackRequest() { }

    public DeleteStackRequest(string stackName)
    {
        StackName = stackName;
    }

    public string? StackName { get; set; }

    public List<string>? RetainResources { get; set; }

    public string? RoleARN { get; set; }

    public string? ClientRequestToken { get; set; }
}

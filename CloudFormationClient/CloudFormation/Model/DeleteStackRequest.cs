namespace Amazon.CloudFormation.Model;

/// <summary>Request of DeleteStack: Deletes a stack.</summary>
public partial class DeleteStackRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }
}

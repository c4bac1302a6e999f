using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Base class for CloudFormation operation requests.</summary>
public abstract partial class AmazonCloudFormationRequest : AmazonWebServiceRequest;

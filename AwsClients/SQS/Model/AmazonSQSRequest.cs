using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Base class for SQS operation requests.</summary>
public abstract partial class AmazonSQSRequest : AmazonWebServiceRequest;

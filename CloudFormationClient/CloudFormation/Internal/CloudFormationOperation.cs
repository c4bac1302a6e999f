using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation.Internal;

/// <summary>The marshaller and unmarshaller of one CloudFormation operation (query protocol, XML responses).</summary>
internal static class CloudFormationOperation
{
    public static readonly QueryProtocol Protocol = new("Amazon.CloudFormation", "2010-05-15");

    public static InvokeOptions Create<TRequest, TResponse>(string action, Action<QueryWriter, TRequest> write, Func<XElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse => new()
    {
        RequestMarshaller = new QueryOperationMarshaller<TRequest>(Protocol, action, write),
        ResponseUnmarshaller = new XmlOperationUnmarshaller<TResponse>(action, read, CloudFormationErrors.ToException),
    };
}

using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>Marshals one operation of an AWS query service: POST / with <c>Action</c>, <c>Version</c> and the request's parameters as a form body.</summary>
public sealed class QueryOperationMarshaller<TRequest>(
    QueryProtocol protocol,
    string action,
    Action<QueryWriter, TRequest> write) : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((TRequest)input);

    public IRequest Marshall(TRequest input)
    {
        var request = new DefaultRequest(input, protocol.ServiceName)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = Body(input),
        };
        request.Headers[HeaderKeys.ContentTypeHeader] = "application/x-www-form-urlencoded; charset=utf-8";
        return request;
    }

    /// <summary>The form body as it goes on the wire.</summary>
    public byte[] Body(TRequest input)
    {
        var writer = new QueryWriter();
        writer.Add("Action", action);
        writer.Add("Version", protocol.Version);
        write(writer, input);
        return writer.ToFormBody();
    }
}

using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>
/// Marshals one operation of an AWS JSON 1.0 service: POST /, <c>X-Amz-Target: {TargetPrefix}.{Operation}</c>,
/// the body from a source-generated serializer.
/// </summary>
public sealed class JsonOperationMarshaller<TRequest>(
    JsonProtocol protocol,
    string operation,
    Func<TRequest, byte[]> serialize) : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = new DefaultRequest(input, protocol.ServiceName)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = serialize((TRequest)input),
        };
        request.Headers[HeaderKeys.ContentTypeHeader] = protocol.ContentType;
        request.Headers["X-Amz-Target"] = $"{protocol.TargetPrefix}.{operation}";
        if (protocol.QueryCompatible)
        {
            request.Headers["x-amzn-query-mode"] = "true";
        }

        return request;
    }
}

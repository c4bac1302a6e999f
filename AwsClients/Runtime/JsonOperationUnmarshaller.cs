using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>
/// Unmarshals one operation of an AWS JSON service: the body (an empty body reads as <c>{}</c>) through
/// <paramref name="parse"/>, an error through <see cref="JsonErrorParser"/> and the service's <paramref name="mapError"/>.
/// </summary>
public sealed class JsonOperationUnmarshaller<TResponse>(
    Func<ReadOnlySpan<byte>, TResponse> parse,
    Func<ServiceError, AmazonServiceException> mapError) : JsonResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var body = ResponseBody.ReadAll(input.Stream);
        return parse(body.Length == 0 ? EmptyObject : body);
    }

    public override AmazonServiceException UnmarshallException(
        JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        mapError(JsonErrorParser.Parse(ResponseBody.ReadAll(input.Stream), input.ResponseData, innerException, statusCode));
}

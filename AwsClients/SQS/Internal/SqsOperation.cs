using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using FilePipeline.AwsClients.Runtime;

namespace Amazon.SQS.Internal;

/// <summary>The marshaller and unmarshaller of one SQS operation (AWS JSON 1.0, query compatible).</summary>
internal static class SqsOperation
{
    private static readonly JsonProtocol Protocol = new("Amazon.SQS", "AmazonSQS", "1.0", QueryCompatible: true);

    private static readonly JsonSerializerOptions Options =
        SdkWireContract.Options(SqsJsonContext.Default, SqsJsonContext.Default.Options);

    public static InvokeOptions Create<TRequest, TResponse>(string operation)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse
    {
        var requestInfo = (JsonTypeInfo<TRequest>)Options.GetTypeInfo(typeof(TRequest));
        var responseInfo = (JsonTypeInfo<TResponse>)Options.GetTypeInfo(typeof(TResponse));
        return new InvokeOptions
        {
            RequestMarshaller = new JsonOperationMarshaller<TRequest>(Protocol, operation, r => JsonSerializer.SerializeToUtf8Bytes(r, requestInfo)),
            ResponseUnmarshaller = new JsonOperationUnmarshaller<TResponse>(
                body => JsonSerializer.Deserialize(body, responseInfo) ?? throw new JsonException($"{operation}: the response body is null."),
                SqsErrors.ToException),
        };
    }

    /// <summary>The request body as it goes on the wire (for tests and diagnostics).</summary>
    public static byte[] Serialize<TRequest>(TRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, (JsonTypeInfo<TRequest>)Options.GetTypeInfo(typeof(TRequest)));
}

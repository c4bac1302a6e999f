using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>
/// Unmarshals one operation of an AWS query service: <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;</c> through
/// <paramref name="parse"/> (an absent result element reads as empty), errors through <see cref="XmlErrorParser"/>.
/// </summary>
public sealed class XmlOperationUnmarshaller<TResponse>(
    string action,
    Func<XElement, TResponse> parse,
    Func<ServiceError, AmazonServiceException> mapError) : XmlResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse
{
    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input) =>
        Parse(ResponseBody.ReadAll(input.Stream));

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        mapError(XmlErrorParser.Parse(ResponseBody.ReadAll(input.Stream), input.ResponseData, innerException, statusCode));

    /// <summary>Parses a response body (for tests and diagnostics).</summary>
    public TResponse Parse(byte[] body)
    {
        var root = XmlBody.Load(body);
        var result = root.Child($"{action}Result") ?? new XElement($"{action}Result");
        var response = parse(result);
        if (root.Child("ResponseMetadata")?.Text("RequestId") is { } requestId)
        {
            response.ResponseMetadata = new ResponseMetadata { RequestId = requestId };
        }

        return response;
    }
}

using System.Net;
using System.Xml;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>Parses an AWS query error: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.</summary>
public static class XmlErrorParser
{
    public static ServiceError Parse(byte[] body, IWebResponseData? response, Exception? inner, HttpStatusCode statusCode)
    {
        string? code = null, message = null, type = null, requestId = null;
        if (body.Length > 0)
        {
            try
            {
                var root = XmlBody.Load(body);
                var error = root.Descendant("Error");
                code = error?.Text("Code");
                message = error?.Text("Message");
                type = error?.Text("Type");
                requestId = root.Descendant("RequestId")?.Value;
            }
            catch (XmlException)
            {
                // Not XML (e.g. an HTML 500 page): fall back to the status code.
            }
        }

        code ??= (int)statusCode >= 500 ? "InternalFailure" : "UnknownError";
        message ??= $"{(int)statusCode} {statusCode}";
        var errorType = type switch
        {
            "Sender" => ErrorType.Sender,
            "Receiver" => ErrorType.Receiver,
            _ => (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender,
        };
        if (requestId is null && response is not null && response.IsHeaderPresent(HeaderKeys.RequestIdHeader))
        {
            requestId = response.GetHeaderValue(HeaderKeys.RequestIdHeader);
        }

        return new ServiceError(code, code, message, errorType, requestId, statusCode, inner);
    }
}

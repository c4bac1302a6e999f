using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>
/// Parses an AWS JSON error: the code from <c>__type</c> (or <c>code</c>, or the <c>x-amzn-ErrorType</c>
/// header), namespace prefix and URI suffix removed; the legacy query code and fault from
/// <c>x-amzn-query-error: Code;Sender</c> when present.
/// </summary>
public static class JsonErrorParser
{
    public const string QueryErrorHeader = "x-amzn-query-error";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static ServiceError Parse(byte[] body, IWebResponseData? response, Exception? inner, HttpStatusCode statusCode)
    {
        var wire = TryRead(body);
        var code = ShortCode(wire?.Type ?? wire?.Code ?? Header(response, ErrorTypeHeader))
            ?? ((int)statusCode >= 500 ? "InternalFailure" : "UnknownError");
        var message = wire?.Message ?? wire?.LowerMessage ?? $"{(int)statusCode} {statusCode}";
        var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        var errorCode = code;
        if (Header(response, QueryErrorHeader) is { } queryError && queryError.Split(';') is [var queryCode, var fault, ..])
        {
            errorCode = queryCode;
            type = fault == "Receiver" ? ErrorType.Receiver : ErrorType.Sender;
        }

        var requestId = Header(response, HeaderKeys.RequestIdHeader) ?? Header(response, HeaderKeys.XAmzRequestIdHeader);
        return new ServiceError(code, errorCode, message, type, requestId, statusCode, inner);
    }

    private static JsonErrorBody? TryRead(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.JsonErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ShortCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw[(raw.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static string? Header(IWebResponseData? response, string name) =>
        response is not null && response.IsHeaderPresent(name) && response.GetHeaderValue(name) is { Length: > 0 } value ? value : null;
}

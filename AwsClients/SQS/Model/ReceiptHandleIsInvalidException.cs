using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>ReceiptHandleIsInvalid</c>.</summary>
public sealed class ReceiptHandleIsInvalidException : AmazonSQSException
{
    public ReceiptHandleIsInvalidException(string message) : base(message) { }

    public ReceiptHandleIsInvalidException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

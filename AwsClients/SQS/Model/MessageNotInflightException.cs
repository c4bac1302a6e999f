using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>MessageNotInflight</c>.</summary>
public sealed class MessageNotInflightException : AmazonSQSException
{
    public MessageNotInflightException(string message) : base(message) { }

    public MessageNotInflightException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

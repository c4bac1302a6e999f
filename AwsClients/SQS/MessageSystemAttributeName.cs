using Amazon.Runtime;

namespace Amazon.SQS;

/// <summary>Message system attribute names (ReceiveMessage <c>MessageSystemAttributeNames</c>).</summary>
public sealed class MessageSystemAttributeName(string value) : ConstantClass(value)
{
    public static readonly MessageSystemAttributeName All = new("All");

    public static readonly MessageSystemAttributeName AWSTraceHeader = new("AWSTraceHeader");

    public static readonly MessageSystemAttributeName ApproximateFirstReceiveTimestamp = new("ApproximateFirstReceiveTimestamp");

    public static readonly MessageSystemAttributeName ApproximateReceiveCount = new("ApproximateReceiveCount");

    public static readonly MessageSystemAttributeName DeadLetterQueueSourceArn = new("DeadLetterQueueSourceArn");

    public static readonly MessageSystemAttributeName MessageDeduplicationId = new("MessageDeduplicationId");

    public static readonly MessageSystemAttributeName MessageGroupId = new("MessageGroupId");

    public static readonly MessageSystemAttributeName SenderId = new("SenderId");

    public static readonly MessageSystemAttributeName SentTimestamp = new("SentTimestamp");

    public static readonly MessageSystemAttributeName SequenceNumber = new("SequenceNumber");

    public static MessageSystemAttributeName FindValue(string value) => FindValue<MessageSystemAttributeName>(value);

    public static implicit operator MessageSystemAttributeName(string value) => FindValue(value);
}

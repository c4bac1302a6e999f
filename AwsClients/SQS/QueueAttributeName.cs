using Amazon.Runtime;

namespace Amazon.SQS;

/// <summary>Queue attribute names (GetQueueAttributes, CreateQueue, SetQueueAttributes).</summary>
public sealed class QueueAttributeName(string value) : ConstantClass(value)
{
    public static readonly QueueAttributeName All = new("All");

    public static readonly QueueAttributeName ApproximateNumberOfMessages = new("ApproximateNumberOfMessages");

    public static readonly QueueAttributeName ApproximateNumberOfMessagesDelayed = new("ApproximateNumberOfMessagesDelayed");

    public static readonly QueueAttributeName ApproximateNumberOfMessagesNotVisible = new("ApproximateNumberOfMessagesNotVisible");

    public static readonly QueueAttributeName ContentBasedDeduplication = new("ContentBasedDeduplication");

    public static readonly QueueAttributeName CreatedTimestamp = new("CreatedTimestamp");

    public static readonly QueueAttributeName DeduplicationScope = new("DeduplicationScope");

    public static readonly QueueAttributeName DelaySeconds = new("DelaySeconds");

    public static readonly QueueAttributeName FifoQueue = new("FifoQueue");

    public static readonly QueueAttributeName FifoThroughputLimit = new("FifoThroughputLimit");

    public static readonly QueueAttributeName KmsDataKeyReusePeriodSeconds = new("KmsDataKeyReusePeriodSeconds");

    public static readonly QueueAttributeName KmsMasterKeyId = new("KmsMasterKeyId");

    public static readonly QueueAttributeName LastModifiedTimestamp = new("LastModifiedTimestamp");

    public static readonly QueueAttributeName MaximumMessageSize = new("MaximumMessageSize");

    public static readonly QueueAttributeName MessageRetentionPeriod = new("MessageRetentionPeriod");

    public static readonly QueueAttributeName Policy = new("Policy");

    public static readonly QueueAttributeName QueueArn = new("QueueArn");

    public static readonly QueueAttributeName ReceiveMessageWaitTimeSeconds = new("ReceiveMessageWaitTimeSeconds");

    public static readonly QueueAttributeName RedriveAllowPolicy = new("RedriveAllowPolicy");

    public static readonly QueueAttributeName RedrivePolicy = new("RedrivePolicy");

    public static readonly QueueAttributeName SqsManagedSseEnabled = new("SqsManagedSseEnabled");

    public static readonly QueueAttributeName VisibilityTimeout = new("VisibilityTimeout");

    public static QueueAttributeName FindValue(string value) => FindValue<QueueAttributeName>(value);

    public static implicit operator QueueAttributeName(string value) => FindValue(value);
}

using System.Globalization;
using System.Text.Json.Serialization;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of GetQueueAttributes: the attributes asked for, plus typed accessors as in AWSSDK.SQS.</summary>
public partial class GetQueueAttributesResponse : AmazonWebServiceResponse
{
    public Dictionary<string, string>? Attributes { get; set; }

    [JsonIgnore]
    public int ApproximateNumberOfMessages => Int(QueueAttributeName.ApproximateNumberOfMessages);

    [JsonIgnore]
    public int ApproximateNumberOfMessagesNotVisible => Int(QueueAttributeName.ApproximateNumberOfMessagesNotVisible);

    [JsonIgnore]
    public int ApproximateNumberOfMessagesDelayed => Int(QueueAttributeName.ApproximateNumberOfMessagesDelayed);

    [JsonIgnore]
    public int VisibilityTimeout => Int(QueueAttributeName.VisibilityTimeout);

    [JsonIgnore]
    public int DelaySeconds => Int(QueueAttributeName.DelaySeconds);

    [JsonIgnore]
    public int MessageRetentionPeriod => Int(QueueAttributeName.MessageRetentionPeriod);

    [JsonIgnore]
    public int ReceiveMessageWaitTimeSeconds => Int(QueueAttributeName.ReceiveMessageWaitTimeSeconds);

    [JsonIgnore]
    public string? QueueARN => Text(QueueAttributeName.QueueArn);

    [JsonIgnore]
    public string? RedrivePolicy => Text(QueueAttributeName.RedrivePolicy);

    [JsonIgnore]
    public string? Policy => Text(QueueAttributeName.Policy);

    [JsonIgnore]
    public bool FifoQueue => string.Equals(Text(QueueAttributeName.FifoQueue), "true", StringComparison.OrdinalIgnoreCase);

    private string? Text(string name) => Attributes is not null && Attributes.TryGetValue(name, out var value) ? value : null;

    private int Int(string name) => Text(name) is { } value ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : -1;
}

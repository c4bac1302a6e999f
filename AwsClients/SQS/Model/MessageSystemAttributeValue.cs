namespace Amazon.SQS.Model;

/// <summary>A message system attribute (only <c>AWSTraceHeader</c> is supported by SQS).</summary>
public partial class MessageSystemAttributeValue
{
    public string? DataType { get; set; }

    public string? StringValue { get; set; }

    public MemoryStream? BinaryValue { get; set; }

    public List<string>? StringListValues { get; set; }

    public List<MemoryStream>? BinaryListValues { get; set; }
}

namespace Amazon.SQS.Model;

/// <summary>A message attribute: <c>DataType</c> String, Number or Binary (optionally with a custom suffix).</summary>
public partial class MessageAttributeValue
{
    public string? DataType { get; set; }

    public string? StringValue { get; set; }

    public MemoryStream? BinaryValue { get; set; }

    public List<string>? StringListValues { get; set; }

    public List<MemoryStream>? BinaryListValues { get; set; }
}

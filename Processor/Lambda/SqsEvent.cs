using System.Text.Json;
using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>The SQS event a Lambda event source mapping invokes the function with (Amazon.Lambda.SQSEvents' shape).</summary>
/// <remarks>
/// Read by <see cref="Parse"/>, a <see cref="Utf8JsonReader"/> pass, not through <see cref="LambdaJsonContext"/>: the
/// first use of a serializer context builds its options and type metadata, partly by reflection (attribute lookups,
/// array types made by Native AOT's type loader), which was three quarters of the bootstrap's CPU in its first
/// invocation (docs/benchmarks.md, "Lambda first invocation, third pass"). It reads what the source-generated
/// serializer read (LambdaEventJsonTests holds the two side by side): property names case-sensitive, unknown
/// properties skipped, the last of a repeated property counts, <c>null</c> where a value may be absent.
/// </remarks>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsEventRecord>? Records)
{
    private const int MaxDepth = 64;

    /// <summary>The event in <paramref name="utf8"/>; <see cref="JsonException"/> if it is not one (JSON <c>null</c> included).</summary>
    public static SqsEvent Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw new JsonException("The invocation payload is JSON null, not an SQS event.");
            }

            Expect(ref reader, JsonTokenType.StartObject);
            IReadOnlyList<SqsEventRecord>? records = null;
            while (NextProperty(ref reader, out var name))
            {
                if (name == "Records")
                {
                    records = ReadRecords(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                throw new JsonException($"'{reader.TokenType}' after the end of the SQS event.");
            }

            return new SqsEvent(records);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException && exception.GetType() != typeof(JsonException))
        {
            // The reader's own exception type is internal, and a wrong token type is an InvalidOperationException: both
            // become the JsonException the serializer threw, so the invocation's error type stays Runtime.JsonException.
            throw new JsonException(exception.Message, exception);
        }
    }

    private static List<SqsEventRecord>? ReadRecords(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var records = new List<SqsEventRecord>();
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
        {
            records.Add(ReadRecord(ref reader)!);
        }

        return records;
    }

    /// <summary>One record, the reader on its first token; null for JSON <c>null</c> (as the serializer gave it).</summary>
    private static SqsEventRecord? ReadRecord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        string? messageId = null, receiptHandle = null, body = null, eventSource = null, eventSourceArn = null, awsRegion = null;
        IReadOnlyDictionary<string, string>? attributes = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "messageId": messageId = String(ref reader); break;
                case "receiptHandle": receiptHandle = String(ref reader); break;
                case "body": body = String(ref reader); break;
                case "attributes": attributes = ReadAttributes(ref reader); break;
                case "eventSource": eventSource = String(ref reader); break;
                case "eventSourceARN": eventSourceArn = String(ref reader); break;
                case "awsRegion": awsRegion = String(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new SqsEventRecord(messageId!, receiptHandle, body, attributes, eventSource, eventSourceArn, awsRegion);
    }

    private static Dictionary<string, string>? ReadAttributes(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var name))
        {
            attributes[name] = String(ref reader)!;
        }

        return attributes;
    }

    /// <summary>The next value as a string (null for JSON <c>null</c>); any other token is not an SQS event.</summary>
    private static string? String(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"A string was expected, not {reader.TokenType}."),
        };
    }

    /// <summary>The next property's name, the reader left on it (its value is read or skipped next); false at the object's end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString()!;
        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"{type} was expected, not {reader.TokenType}.");
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The SQS event ends early.");
        }
    }
}

/// <summary>One message of an <see cref="SqsEvent"/>.</summary>
public sealed record SqsEventRecord(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("attributes")] IReadOnlyDictionary<string, string>? Attributes,
    [property: JsonPropertyName("eventSource")] string? EventSource,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn,
    [property: JsonPropertyName("awsRegion")] string? AwsRegion);

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>What a function with <c>ReportBatchItemFailures</c> returns: the failed message ids only.</summary>
public sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    /// <summary>
    /// <c>{"batchItemFailures":[{"itemIdentifier":"..."}]}</c>, written as the source-generated serializer wrote it (same
    /// escaping), without a serializer context's first-use cost (<see cref="SqsEvent"/> says why).
    /// </summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(32 + (48 * BatchItemFailures.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batchItemFailures");
            foreach (var failure in BatchItemFailures)
            {
                writer.WriteStartObject();
                writer.WriteString("itemIdentifier", failure.ItemIdentifier);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One failed message of a batch.</summary>
public sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

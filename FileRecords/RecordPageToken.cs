using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>
/// Pagination tokens: a DynamoDB start key (all key attributes of the table are strings) plus the index it
/// belongs to, as base64url JSON. Opaque to callers; a token from another index or garbage is a
/// <see cref="FormatException"/>, never a silently wrong page.
/// </summary>
public static class RecordPageToken
{
    private const string IndexProperty = "i";
    private const string KeyProperty = "k";

    public static string Encode(string index, IReadOnlyDictionary<string, AttributeValue> startKey)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(IndexProperty, index);
            writer.WriteStartObject(KeyProperty);
            foreach (var (name, value) in startKey.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value.S ?? throw new ArgumentException($"Key attribute '{name}' is not a string.", nameof(startKey)));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    public static Dictionary<string, AttributeValue> Decode(string token, string expectedIndex)
    {
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException e)
        {
            throw new FormatException("The page token is not valid.", e);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var index = root.GetProperty(IndexProperty).GetString();
            if (index != expectedIndex)
            {
                throw new FormatException("The page token belongs to a different query; start again from the first page.");
            }

            var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty(KeyProperty).EnumerateObject())
            {
                key[property.Name] = new AttributeValue { S = property.Value.GetString() };
            }

            return key.Count > 0 ? key : throw new FormatException("The page token holds no key.");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("The page token is not valid.", e);
        }
    }
}
